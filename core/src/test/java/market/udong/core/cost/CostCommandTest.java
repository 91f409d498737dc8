package market.udong.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/cost over folders of templates: the table, JSON, and the difference from a baseline. */
class CostCommandTest {

    private static final String MANIFEST = "{\"artifacts\": {\"Udong-Dev-Network\": {\"environment\": "
            + "\"aws://111111111111/ap-northeast-2\"}, \"Udong-Dev-Streaming\": {\"environment\": "
            + "\"aws://111111111111/ap-northeast-2\"}}}";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static Path assembly(Path dir, int shards) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        Files.writeString(dir.resolve("Udong-Dev-Network.template.json"),
                "{\"Resources\": {\"Nat\": {\"Type\": \"AWS::EC2::NatGateway\"}}}");
        Files.writeString(dir.resolve("Udong-Dev-Streaming.template.json"), "{\"Resources\": {\"S\": {\"Type\": "
                + "\"AWS::Kinesis::Stream\", \"Properties\": {\"ShardCount\": " + shards + "}}}}");
        return dir;
    }

    @Test
    void table_listsEachComponent_andTheTotals(@TempDir Path tmp) throws Exception {
        String out = CostCommand.run(new String[] {"--dir", assembly(tmp.resolve("a"), 2).toString(), "dev"}, TODAY);
        assertTrue(out.contains("# dev (ap-northeast-2), USD per month"), out);
        assertTrue(out.contains("NAT gateway") && out.contains("43.07"), out);
        assertTrue(out.contains("Kinesis shard") && out.contains("27.01"), out); // 2 x 0.0185 x 730
        assertTrue(out.contains("total: 70.08"), out);
    }

    @Test
    void json_carriesTotals_andEachPricesDateAndSource(@TempDir Path tmp) throws Exception {
        JsonNode json = new ObjectMapper().readTree(CostCommand.run(
                new String[] {"--dir", assembly(tmp.resolve("a"), 2).toString(), "--json", "dev"}, TODAY));
        assertEquals("70.08", json.path(0).path("totalUsd").decimalValue().toPlainString());
        JsonNode nat = json.path(0).path("components").path(0);
        assertEquals("nat-gateway-hour", nat.path("price").asText());
        assertTrue(nat.path("priceSource").asText().contains("Price List"), nat.toString());
        assertEquals("2026-10-01", nat.path("priceDate").asText());
    }

    @Test
    void diff_showsWhatAChangeAddsPerMonth_perComponent(@TempDir Path tmp) throws Exception {
        Path before = assembly(tmp.resolve("before"), 2);
        Path after = assembly(tmp.resolve("after"), 5);
        String out = CostCommand.run(new String[] {"--dir", after.toString(), "--diff", before.toString(), "dev"}, TODAY);
        assertTrue(out.contains("dev: 70.08 -> 110.60 USD/month (+40.52)"), out);
        assertTrue(out.contains("Streaming: Kinesis shard  27.01 -> 67.53 (+40.52)"), out);
        assertTrue(!out.contains("NAT gateway"), "unchanged components are not listed: " + out);
        String same = CostCommand.run(new String[] {"--dir", after.toString(), "--diff", after.toString(), "dev"}, TODAY);
        assertTrue(same.contains("(0.00)") && same.contains("no change"), same);
    }

    @Test
    void diff_againstABaselineWithoutTheEnvironment_countsItAsNew(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String out = CostCommand.run(new String[] {"--dir", assembly(tmp.resolve("a"), 1).toString(), "--diff",
                empty.toString(), "dev"}, TODAY);
        assertTrue(out.contains("dev: new -> 56.58 USD/month (+56.58)"), out);
    }

    @Test
    void aFolderWithoutTheEnvironment_saysToSynthesizeIt(@TempDir Path tmp) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> CostCommand.run(
                new String[] {"--dir", assembly(tmp.resolve("a"), 1).toString(), "prod"}, TODAY));
        assertTrue(e.getMessage().contains("bin/synth prod"), e.getMessage());
    }
}
