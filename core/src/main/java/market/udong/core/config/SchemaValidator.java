package market.udong.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one config file against its part of {@code platform.schema.json} and turns the
 * validator's findings into {@link ConfigError}s that say what is allowed (and what was probably meant).
 */
final class SchemaValidator {

    private static final SchemaValidator INSTANCE = new SchemaValidator();

    private final JsonNode root;
    private final Map<ConfigLoader.ConfigFileKind, JsonSchema> schemas = new EnumMap<>(ConfigLoader.ConfigFileKind.class);

    private SchemaValidator() {
        root = ConfigLoader.readSchema();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig settings = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        for (ConfigLoader.ConfigFileKind kind : ConfigLoader.ConfigFileKind.values()) {
            ObjectNode part = root.deepCopy();
            part.remove(List.of("allOf", "required", "properties", "title", "description"));
            part.put("$ref", "#/$defs/" + kind.kind());
            schemas.put(kind, factory.getSchema(part, settings));
        }
    }

    static SchemaValidator instance() {
        return INSTANCE;
    }

    List<ConfigError> validate(String file, ConfigLoader.ConfigFileKind kind, JsonNode document) {
        Set<ValidationMessage> messages = schemas.get(kind).validate(document);
        List<ConfigError> errors = new ArrayList<>();
        for (ValidationMessage m : messages) {
            if ("if".equals(m.getType()) || "then".equals(m.getType()) || "else".equals(m.getType())) {
                continue;
            }
            String location = m.getInstanceLocation().toString();
            String path = location.equals("$") ? "" : location.startsWith("$.") ? location.substring(2) : location.substring(1);
            errors.add(new ConfigError(file, path, reason(m, location)));
        }
        errors.sort(Comparator.naturalOrder());
        return errors;
    }

    private String reason(ValidationMessage m, String location) {
        String message = m.getMessage();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        JsonNode keyword = schemaNode(m);
        switch (m.getType()) {
            case "additionalProperties" -> {
                String unknown = m.getProperty() != null ? m.getProperty() : String.valueOf(m.getArguments()[0]);
                List<String> allowed = names(keyword == null ? null : parentOf(m).get("properties"));
                return "unknown field '" + unknown + "'" + Suggestions.closest(unknown, allowed)
                        + "; allowed fields: " + String.join(", ", allowed);
            }
            case "pattern" -> {
                JsonNode description = parentOf(m).get("description");
                return description != null ? "must be " + description.asText() : message;
            }
            case "enum" -> {
                List<String> allowed = new ArrayList<>();
                if (keyword != null) {
                    keyword.forEach(v -> allowed.add(v.asText()));
                }
                String given = m.getInstanceNode() == null ? "" : m.getInstanceNode().asText();
                return "'" + given + "' is not allowed" + Suggestions.closest(given, allowed)
                        + "; allowed: " + String.join(", ", allowed);
            }
            default -> {
                return message;
            }
        }
    }

    /** The schema keyword node that failed, found by the fragment of its schema location. */
    private JsonNode schemaNode(ValidationMessage m) {
        String pointer = fragment(m);
        return pointer == null ? null : root.at(pointer);
    }

    private JsonNode parentOf(ValidationMessage m) {
        String pointer = fragment(m);
        if (pointer == null || !pointer.contains("/")) {
            return root;
        }
        return root.at(pointer.substring(0, pointer.lastIndexOf('/')));
    }

    private static String fragment(ValidationMessage m) {
        if (m.getSchemaLocation() == null) {
            return null;
        }
        String s = m.getSchemaLocation().toString();
        int hash = s.indexOf('#');
        return hash < 0 ? null : s.substring(hash + 1);
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        if (properties != null) {
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return names;
    }
}
