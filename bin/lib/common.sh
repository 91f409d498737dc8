# Shared helpers of the bin/ scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# Nothing of ours reaches for the network during synth, and the Node 20 end-of-life banner stays quiet.
export CDK_DISABLE_CLI_TELEMETRY=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
# The CDK's built-in template validation costs seconds per synth; CI turns it on once (bin/synth --validate).
export CDK_VALIDATION="${CDK_VALIDATION:-false}"

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed${2:+ ($2)}"; }

# Installs the npm packages of package.json (the pinned CDK CLI, local test servers) when missing or stale.
ensure_npm() {
  need node "install Node.js 20"
  need npm
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
     || [ package.json -nt node_modules/.package-lock.json ]; then
    log "Installing npm packages..."
    if [ -f package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error >&2
    else
      npm install --no-audit --no-fund --loglevel=error >&2
    fi
  fi
}

# Installs Debian packages that are missing (as root, or through sudo).
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Packages listed one per line in FILE (comments and blank lines ignored).
listed_packages() { grep -vE '^\s*(#|$)' "$1" || true; }

MVN=(mvn -B -q -Dstyle.color=never)

# True when any source, pom or schema is newer than the stamp file given.
sources_newer_than() {
  local stamp="$1"
  [ -f "$stamp" ] || return 0
  [ -n "$(find pom.xml core infra lambdas glue-scripts config/platform.schema.json \
      \( -path '*/target' -prune \) -o -newer "$stamp" -type f \( -name '*.java' -o -name 'pom.xml' \
      -o -name '*.json' -o -name '*.py' -o -name '*.scala' -o -name '*.properties' -o -name '*.yaml' \) -print -quit 2>/dev/null)" ]
}

# Builds the CDK app and the Lambda / Glue jars it deploys, only when sources changed since the last build.
build_app() {
  local stamp=infra/target/.app-built
  if sources_newer_than "$stamp" || [ ! -f infra/target/app.classpath ]; then
    need mvn "install Maven 3.8+"
    log "Building the CDK app and its assets..."
    "${MVN[@]}" package -DskipTests -pl '!test' >&2
    touch "$stamp"
  fi
}
