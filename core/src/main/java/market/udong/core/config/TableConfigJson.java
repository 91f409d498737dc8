package market.udong.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * One table's config as compact JSON, the form a {@link DeployedSource} holds its tables in. Column
 * rules keep the YAML spelling ({@code {"policy":"truncate(day)","rename":...}}), so the JSON
 * reads like the source file it came from. {@code read(write(t)).equals(t)} holds for every
 * table the loader accepts.
 */
public final class TableConfigJson {
    private TableConfigJson() {
    }

    /** Writes column rules in their YAML spelling; shared with {@link DeployedSource}. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("udong-column-rules").addSerializer(ColumnRule.class, new ColumnRuleSerializer()))
            .build();

    /** The table as one line of JSON. */
    public static String write(TableConfig table) {
        try {
            return JSON.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("table " + table.qualifiedName() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads a table written by {@link #write}.
     *
     * @throws IllegalArgumentException when the text is not such a table
     */
    public static TableConfig read(String json) {
        try {
            TableConfig table = JSON.readValue(json, TableConfig.class);
            if (table == null || table.database() == null || table.name() == null || table.ingestion() == null) {
                throw new IllegalArgumentException("table config JSON needs database, name and ingestion: " + json);
            }
            return table;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a table config JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final class ColumnRuleSerializer extends StdSerializer<ColumnRule> {
        private static final long serialVersionUID = 1L;

        ColumnRuleSerializer() {
            super(ColumnRule.class);
        }

        @Override
        public void serialize(ColumnRule rule, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (rule.rename() == null && rule.type() == null) {
                gen.writeString(rule.policySpec());
                return;
            }
            gen.writeStartObject();
            gen.writeStringField("policy", rule.policySpec());
            if (rule.rename() != null) {
                gen.writeStringField("rename", rule.rename());
            }
            if (rule.type() != null) {
                gen.writeStringField("type", rule.type());
            }
            gen.writeEndObject();
        }
    }
}
