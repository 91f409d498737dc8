package market.udong.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a packaged Lambda jar the way the Lambda Java runtime does, for a module's {@code *JarIT}:
 * a fresh JVM whose class path holds only the function's jar and the runtime's own event
 * serialization library, the handler built with its no-argument (runtime) constructor, one event
 * on standard input. So a test proves the jar holds every class its handler loads and that the
 * handler reads its settings from the environment keys infra sets. A run that prints an SLF4J
 * warning (no logging provider in the jar, or two) fails.
 */
public final class LambdaJar {

    /** What the run printed (standard output and error together) and how it ended. */
    public record Result(int exitCode, String output) {
        /** The handler's response line, as {@code RunHandler} prints it. */
        public String response() {
            for (String line : output.split("\n")) {
                if (line.startsWith("RESPONSE ")) {
                    return line.substring("RESPONSE ".length());
                }
            }
            throw new AssertionError("the handler printed no response:\n" + output);
        }
    }

    private LambdaJar() {
    }

    /**
     * Invokes {@code handler} once from {@code jar}.
     *
     * @param jar       the shaded function jar
     * @param handler   the handler class, as in the function's {@code Handler} setting (without {@code ::method})
     * @param eventType the event class the handler takes (a {@code com.amazonaws.services.lambda.runtime.events}
     *                  class), or {@code stream} for a {@code RequestStreamHandler}
     * @param env       the function's environment; {@code AWS_*} and {@code UDONG_*} variables of this JVM are not passed on
     * @param event     the event JSON
     */
    public static Result invoke(Path jar, String handler, String eventType, Map<String, String> env, String event) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("run after package: " + jar.toAbsolutePath() + " is missing");
        }
        try {
            List<String> classPath = new ArrayList<>(List.of(jar.toString()));
            if (!"stream".equals(eventType)) {
                classPath.add(serializationJar().toString());
            }
            ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(java.io.File.pathSeparator, classPath), runner().toString(), handler, eventType);
            Map<String, String> environment = process.environment();
            environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("UDONG_"));
            environment.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
            environment.put("AWS_SECRET_ACCESS_KEY", "test-secret");
            environment.putAll(env);
            process.redirectErrorStream(true);
            Process run = process.start();
            run.getOutputStream().write(event.getBytes(StandardCharsets.UTF_8));
            run.getOutputStream().close();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new AssertionError("the handler did not finish in 90 s:\n" + output);
            }
            if (output.contains("SLF4J(W)") || output.contains("SLF4J: ")) {
                // A warning the function prints on every cold start is a finding, not noise.
                throw new AssertionError("the jar printed an SLF4J warning (no provider, or two):\n" + output);
            }
            return new Result(run.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with {@code more} added (a local server's SDK settings plus the function's own). */
    public static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.putAll(more);
        return all;
    }

    /** An event file of the calling module's {@code src/test/resources/events/}. */
    public static String event(Class<?> test, String name) {
        try (InputStream in = test.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new AssertionError("no event file events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime's serialization library, from this JVM's class path (the module's test dependency). */
    private static Path serializationJar() {
        try {
            Class<?> serializers = Class.forName("com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers");
            return Path.of(serializers.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError("add com.amazonaws:aws-lambda-java-serialization as a test dependency", e);
        }
    }

    /** {@code RunHandler.java} copied out of the test jar, so the java launcher can run it as a source file. */
    private static Path runner() throws IOException {
        Path file = Files.createTempDirectory("lambda-jar").resolve("RunHandler.java");
        try (InputStream in = LambdaJar.class.getResourceAsStream("/jar-smoke/RunHandler.java")) {
            Files.copy(in, file);
        }
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        return file;
    }
}
