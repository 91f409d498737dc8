package market.udong.infra.constructs.common;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Where the built Lambda and Glue jars are. bin/synth (and the Maven reactor before the infra
 * tests) builds them; a missing jar fails synthesis with the command that builds it.
 */
public final class LambdaArtifacts {

    private final Path root;

    /** @param root the repository root (the directory holding cdk.json) */
    public LambdaArtifacts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Finds the repository root from the working directory (the app runs from it, tests from a module). */
    public static LambdaArtifacts fromWorkingDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("cdk.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cdk.json not found above " + Path.of("").toAbsolutePath()
                    + "; run the app from the repository");
        }
        return new LambdaArtifacts(dir);
    }

    /** The shaded jar of one Lambda function. */
    public Code lambda(LambdaPackage function) {
        return Code.fromAsset(existing(root.resolve(function.path())).toString());
    }

    /** A file of the glue-scripts module's build output or sources. */
    public Path glue(String relative) {
        return existing(root.resolve("glue-scripts").resolve(relative));
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run bin/synth, which builds it "
                    + "(or mvn -B package -DskipTests -pl '!test')");
        }
        return file;
    }
}
