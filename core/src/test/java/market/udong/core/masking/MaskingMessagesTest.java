package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingMessagesTest {

    /** One record of an S3 event notification, as S3 writes it (key URL-encoded). */
    static String s3Record(String eventSource, String eventName, String key, String eventTime) {
        return """
                {"eventVersion":"2.1","eventSource":"%s","awsRegion":"ap-northeast-2","eventTime":"%s",
                 "eventName":"%s","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"udong-dev-raw","arn":"arn:aws:s3:::udong-dev-raw"},
                 "object":{"key":"%s","size":1024}}}""".formatted(eventSource, eventTime, eventName, key);
    }

    static String s3Event(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    static final String PER_FILE = """
            {"bucket":"udong-dev-exports","key":"orders/2026/11/25/exp-1/shop/shop.orders/1/part-00000.gz.parquet",
             "source":"orders","database":"shop","table":"orders","snapshotDate":"2026-11-25"}""";

    @Test
    void perFileMessage_becomesOneSnapshotTarget() {
        // WHEN the export fan-out's message is parsed
        List<MaskingTarget> targets = MaskingMessages.parse(PER_FILE);
        // THEN it is one target with every field, not DMS
        assertEquals(List.of(new MaskingTarget("udong-dev-exports",
                "orders/2026/11/25/exp-1/shop/shop.orders/1/part-00000.gz.parquet",
                "orders", "shop", "orders", LocalDate.of(2026, 11, 25), false)), targets);
    }

    @Test
    void perFileMessage_withDmsTrue_isADmsTarget() {
        // GIVEN a per-file message flagged dms WHEN parsed THEN the target is DMS output
        String body = PER_FILE.replace("\"table\":\"orders\"", "\"table\":\"orders\",\"dms\":true");
        assertTrue(MaskingMessages.parse(body).get(0).dms());
    }

    @Test
    void perFileMessage_lackingAField_namesTheField() {
        for (String field : List.of("bucket", "key", "source", "database", "table", "snapshotDate")) {
            // GIVEN the message without the field, and with the field null
            String without = PER_FILE.replaceAll("\"" + field + "\":\"[^\"]*\"", "\"other\":\"x\"");
            String asNull = PER_FILE.replaceAll("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":null");
            for (String body : List.of(without, asNull)) {
                // WHEN parsed THEN it is refused, naming the field
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingMessages.parse(body));
                assertEquals("per-file message lacks '" + field + "'", e.getMessage());
            }
        }
    }

    @Test
    void perFile_writesWhatParseReads() throws Exception {
        MaskingTarget target = new MaskingTarget("udong-dev-exports", "orders/2026/11/25/exp-1/shop/shop.orders/1/part-00000.gz.parquet",
                "orders", "shop", "orders", LocalDate.of(2026, 11, 25), false);
        // WHEN written as the fan-out's message
        String body = MaskingMessages.perFile(target);
        // THEN it carries every field under its documented name, and parses back to the same target
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals("udong-dev-exports", json.get("bucket").asText());
        assertEquals(target.key(), json.get("key").asText());
        assertEquals("orders", json.get("source").asText());
        assertEquals("shop", json.get("database").asText());
        assertEquals("orders", json.get("table").asText());
        assertEquals("2026-11-25", json.get("snapshotDate").asText());
        assertEquals(List.of(target), MaskingMessages.parse(body));
    }

    @Test
    void s3Event_forDmsParquet_becomesADmsTarget_datedByTheEventInUtc() {
        // GIVEN S3's notification of a DMS CDC file written just before midnight UTC
        String body = s3Event(s3Record("aws:s3", "ObjectCreated:Put",
                "dms/orders/shop/orders/20261125-235959123.parquet", "2026-11-25T23:59:59.999Z"));
        // WHEN parsed
        List<MaskingTarget> targets = MaskingMessages.parse(body);
        // THEN source, database and table come from the key, and the date is the event's UTC date
        assertEquals(List.of(new MaskingTarget("udong-dev-raw", "dms/orders/shop/orders/20261125-235959123.parquet",
                "orders", "shop", "orders", LocalDate.of(2026, 11, 25), true)), targets);
    }

    @Test
    void s3Event_decodesTheUrlEncodedKey() {
        String body = s3Event(s3Record("aws:s3", "ObjectCreated:CompleteMultipartUpload",
                "dms/orders/shop.public/order+items/dt%3D2026-11-25/LOAD00000001.parquet", "2026-11-25T01:00:00.000Z"));
        MaskingTarget target = MaskingMessages.parse(body).get(0);
        assertEquals("dms/orders/shop.public/order items/dt=2026-11-25/LOAD00000001.parquet", target.key());
        assertEquals("shop.public", target.database());
        assertEquals("order items", target.table());
    }

    @Test
    void s3Event_keepsOnlyCreatedParquetObjectsFromS3_inOrder() {
        // GIVEN a batch with a removal, a non-S3 record, a CSV, a record without an event name,
        //       and two Parquet files (one with an upper-case extension)
        String body = s3Event(
                s3Record("aws:s3", "ObjectCreated:Put", "dms/orders/shop/orders/LOAD00000001.parquet", "2026-11-25T01:00:00Z"),
                s3Record("aws:s3", "ObjectRemoved:Delete", "dms/orders/shop/orders/LOAD00000002.parquet", "2026-11-25T01:00:00Z"),
                s3Record("aws:sqs", "ObjectCreated:Put", "dms/orders/shop/orders/LOAD00000003.parquet", "2026-11-25T01:00:00Z"),
                s3Record("aws:s3", "ObjectCreated:Put", "dms/orders/shop/orders/LOAD00000004.csv", "2026-11-25T01:00:00Z"),
                "{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"dms/o/s/t/x.parquet\"}}}",
                s3Record("aws:s3", "ObjectCreated:Copy", "dms/orders/shop/members/LOAD00000005.PARQUET", "2026-11-26T01:00:00Z"));
        // WHEN parsed
        List<MaskingTarget> targets = MaskingMessages.parse(body);
        // THEN only the two created Parquet files are targets
        assertEquals(List.of("dms/orders/shop/orders/LOAD00000001.parquet", "dms/orders/shop/members/LOAD00000005.PARQUET"),
                targets.stream().map(MaskingTarget::key).toList());
        assertEquals(LocalDate.of(2026, 11, 26), targets.get(1).snapshotDate());
    }

    @Test
    void s3Event_withNothingToMask_isNoTarget() {
        // GIVEN an event with no record, or only a removal WHEN parsed THEN there is nothing to mask
        assertEquals(List.of(), MaskingMessages.parse(s3Event()));
        assertEquals(List.of(), MaskingMessages.parse(s3Event(s3Record("aws:s3", "ObjectRemoved:Delete",
                "dms/orders/shop/orders/LOAD00000001.parquet", "2026-11-25T01:00:00Z"))));
    }

    @Test
    void s3TestEvent_isNoTarget() {
        // GIVEN the test event S3 sends when a notification is configured WHEN parsed THEN there is nothing to mask
        String body = """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-25T01:00:00.000Z",
                 "Bucket":"udong-dev-raw","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw"}""";
        assertEquals(List.of(), MaskingMessages.parse(body));
    }

    @Test
    void s3Event_forAKeyOutsideTheDmsLayout_isRefusedWithTheLayout() {
        // GIVEN created Parquet files outside dms/<source>/<database>/<table>/ WHEN parsed THEN they are refused, showing the layout
        for (String key : List.of("raw/orders/shop/orders/LOAD00000001.parquet", "dms/orders/shop/LOAD00000001.parquet")) {
            String body = s3Event(s3Record("aws:s3", "ObjectCreated:Put", key, "2026-11-25T01:00:00Z"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingMessages.parse(body));
            assertEquals("key " + key + " is not DMS output (dms/<source>/<database>/<table>/...)", e.getMessage());
        }
    }

    @Test
    void dmsTarget_takesSourceDatabaseAndTableFromTheFirstFolders() {
        // GIVEN a DMS CDC key with date folders WHEN read THEN source, database and table are its first three folders after dms/
        MaskingTarget t = MaskingMessages.dmsTarget("udong-dev-raw", "dms/orders/shop/orders/2026/11/25/cdc-1.parquet",
                LocalDate.of(2026, 11, 25));
        assertEquals(new MaskingTarget("udong-dev-raw", "dms/orders/shop/orders/2026/11/25/cdc-1.parquet",
                "orders", "shop", "orders", LocalDate.of(2026, 11, 25), true), t);
    }

    @Test
    void bodiesThatAreNotAJsonObject_areRefused() {
        // GIVEN a truncated body, and JSON that is no object WHEN parsed THEN each is refused, saying which
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> MaskingMessages.parse("{\"bucket\":"));
        assertTrue(notJson.getMessage().startsWith("message body is not JSON: "), notJson.getMessage());
        for (String body : List.of("[]", "null", "\"orders\"", "42")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingMessages.parse(body));
            assertEquals("message body is not a JSON object", e.getMessage(), body);
        }
    }
}
