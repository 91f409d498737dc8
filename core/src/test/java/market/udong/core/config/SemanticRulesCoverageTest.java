package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.udong.core.testing.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule in {@link SemanticChecks} has a case in {@link BadConfigTest} that feeds the mistake and
 * checks the file, the path and the message. A rule is each {@code error(...)} call in the source;
 * it is covered when the error a case asserts carries the rule's message (its longest literal). A
 * new rule without a case fails here, naming its line.
 */
class SemanticRulesCoverageTest {

    static final Path SOURCE = RepoRoot.find().resolve("core/src/main/java/market/udong/core/config/SemanticChecks.java");

    /**
     * One {@code error(...)} call: its line and the two message literals that identify it, the first
     * (which tells rules of the same wording apart) and the longest.
     */
    record Rule(int line, String first, String message) {
        boolean firedIn(String reason) {
            return reason.contains(first) && reason.contains(message);
        }

        @Override
        public String toString() {
            return "SemanticChecks.java:" + line + " \"" + message + "\"";
        }
    }

    static List<Rule> rules() throws IOException {
        String text = Files.readString(SOURCE);
        List<Rule> rules = new ArrayList<>();
        Matcher call = Pattern.compile("(?<![\\w.])error\\(").matcher(text);
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        while (call.find()) {
            int start = call.end();
            int i = walk(text, start, 0);
            String args = text.substring(start, i - 1);
            if (args.startsWith("String file")) {
                continue; // the method itself
            }
            // the reason: the literals after the second argument (file, path, reason)
            Matcher m = literal.matcher(args);
            Optional<String> longest = Optional.empty();
            Optional<String> first = Optional.empty();
            int reasonStart = reasonStart(args);
            while (m.find()) {
                if (m.start() < reasonStart) {
                    continue;
                }
                String s = m.group(1).replace("\\'", "'").replace("\\\"", "\"");
                if (first.isEmpty()) {
                    first = Optional.of(s);
                }
                if (longest.isEmpty() || s.length() > longest.get().length()) {
                    longest = Optional.of(s);
                }
            }
            int line = (int) text.substring(0, call.start()).chars().filter(c -> c == '\n').count() + 1;
            rules.add(new Rule(line, first.orElseThrow(() -> new AssertionError(
                    "SemanticChecks.java:" + line + ": an error without a message literal cannot be matched to a case")),
                    longest.orElseThrow()));
        }
        return rules;
    }

    /** Where the third argument of a call's argument text begins. */
    private static int reasonStart(String args) {
        int at = walk(args + ")", 0, 2);
        if (at > args.length()) {
            throw new AssertionError("not a call of error(file, path, reason): " + args);
        }
        return at;
    }

    /**
     * Walks a call's arguments from {@code start} (just past its opening parenthesis), skipping strings
     * and nested calls: returns the index after the {@code commas}-th top-level comma, or, with 0 or
     * fewer commas than that, the index after the closing parenthesis.
     */
    private static int walk(String text, int start, int commas) {
        int depth = 1;
        int seen = 0;
        boolean inString = false;
        int i = start;
        for (; i < text.length() && depth > 0; i++) {
            char ch = text.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 1 && commas > 0 && ++seen == commas) {
                return i + 1;
            }
        }
        return i;
    }

    @Test
    void theSourceHasTheRulesWeExpect() throws IOException {
        List<Rule> rules = rules();
        assertTrue(rules.size() >= 60, rules.size() + " rules");
        assertTrue(rules.stream().anyMatch(r -> r.message().contains("must be 'retain' in prod")), rules.toString());
    }

    @Test
    void everyRule_hasACaseThatAssertsItsFilePathAndMessage(@TempDir Path root) throws IOException {
        List<String> asserted = new ArrayList<>();
        int n = 0;
        for (BadConfigTest.Case c : BadConfigTest.cases().toList()) {
            Path dir = root.resolve("case" + n++);
            BadConfigTest.prepare(dir, c);
            String env = c.file().startsWith("environments/development-euw") ? "development-euw" : c.env();
            ConfigException ex = assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir, env), c.name());
            ex.errors().stream().filter(err -> err.file().equals(c.file()) && err.path().equals(c.path())
                    && err.reason().contains(c.reason())).forEach(err -> asserted.add(err.reason()));
        }
        List<Rule> uncovered = rules().stream()
                .filter(r -> asserted.stream().noneMatch(r::firedIn))
                .sorted(Comparator.comparingInt(Rule::line)).toList();
        assertEquals(List.of(), uncovered, "rules without a case in BadConfigTest (add one that feeds the mistake)");
    }
}
