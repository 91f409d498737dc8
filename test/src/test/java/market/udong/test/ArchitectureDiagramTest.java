package market.udong.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import market.udong.infra.UdongApp;
import market.udong.infra.docs.ArchitectureDiagram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** The architecture picture in docs/ is drawn from what is synthesized: it must be current. */
class ArchitectureDiagramTest {

    @TempDir
    Path out;

    @Test
    void docsDiagram_matchesTheSynthesizedDevEnvironment() throws Exception {
        App app = new App(AppProps.builder().outdir(out.toString()).build());
        UdongApp.build(app, Path.of("..", "config"), List.of("dev"));
        app.synth();

        String expected = ArchitectureDiagram.dot(out, "dev");
        String committed = Files.readString(Path.of("..", "docs", "architecture.dot"));

        assertEquals(expected, committed, "docs/architecture.dot is stale: run bin/diagram and commit the result");
    }
}
