package market.udong.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream files: relay formats load, and mistakes in relays and loads are named precisely. */
class StreamsChecksTest {

    @TempDir
    Path configDir;

    @Test
    void relayFormat_defaultsToBytes_andReadsJson() throws IOException {
        // GIVEN the project config plus a JSON relay
        copyProjectConfig();
        writeStreams("""
                kind: Streams
                name: extra
                kinesis:
                  - { name: web-clicks, mode: on-demand }
                topics:
                  - { name: client.web-clicks }
                relays:
                  - { stream: web-clicks, topic: client.web-clicks, format: json }
                """);

        // WHEN loaded
        PlatformConfig config = new ConfigLoader().load(configDir, "dev");

        // THEN the new relay is JSON and the project's own relay is unchecked bytes
        var formats = config.streams().stream().flatMap(s -> s.relays().stream())
                .collect(java.util.stream.Collectors.toMap(StreamsConfig.Relay::stream, StreamsConfig.Relay::format));
        assertEquals(RelayFormat.JSON, formats.get("web-clicks"));
        assertEquals(RelayFormat.BYTES, formats.get("app-events"));
    }

    @Test
    void unknownRelayFormat_isRejectedBySchema() throws IOException {
        copyProjectConfig();
        writeStreams("""
                kind: Streams
                name: extra
                kinesis:
                  - { name: web-clicks, mode: on-demand }
                topics:
                  - { name: client.web-clicks }
                relays:
                  - { stream: web-clicks, topic: client.web-clicks, format: avro }
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(configDir, "dev"));

        assertTrue(e.getMessage().contains("streams/extra.yaml") && e.getMessage().contains("format"), e.getMessage());
    }

    @Test
    void sameRelayTwice_isAnError() throws IOException {
        // GIVEN a second file relaying app-events to the same topic again
        copyProjectConfig();
        writeStreams("""
                kind: Streams
                name: extra
                relays:
                  - { stream: app-events, topic: client.app-events }
                """);

        // WHEN / THEN
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(configDir, "dev"));
        assertEquals(1, e.errors().size(), e.getMessage());
        ConfigError error = e.errors().get(0);
        assertEquals("relays[0]", error.path());
        assertTrue(error.reason().contains("a second time"), error.reason());
    }

    @Test
    void loadBeyondAnyShardCount_isAnError() throws IOException {
        copyProjectConfig();
        writeStreams("""
                kind: Streams
                name: extra
                kinesis:
                  - { name: firehose, peakBytesPerSecond: 9000000000000000000, headroom: 10 }
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(configDir, "dev"));

        assertEquals("kinesis[0]", e.errors().get(0).path(), e.getMessage());
        assertTrue(e.errors().get(0).reason().contains("shards"), e.getMessage());
    }

    private void writeStreams(String yaml) throws IOException {
        Files.writeString(configDir.resolve("streams/extra.yaml"), yaml);
    }

    private void copyProjectConfig() throws IOException {
        Path source = ConfigLoaderTest.CONFIG;
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(from -> {
                Path to = configDir.resolve(source.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
