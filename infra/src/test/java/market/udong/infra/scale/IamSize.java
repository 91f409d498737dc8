package market.udong.infra.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The size IAM gives a policy document of a template, counted the way IAM counts (characters of
 * the JSON without whitespace) with every value CloudFormation fills in at deploy time at its
 * largest: the partition {@code aws-us-gov}, a 14-character region, and 128 characters for any
 * reference to another resource or stack (longer than any ARN the platform names).
 */
final class IamSize {
    private IamSize() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int REFERENCE = 128;
    private static final Map<String, Integer> PSEUDO = Map.of("AWS::Partition", 10, "AWS::Region", 14,
            "AWS::AccountId", 12, "AWS::URLSuffix", 16, "AWS::StackName", 128);

    static int of(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return stringLength(node) + 2;
            }
        }
        if (node.isObject()) {
            int size = 2 + Math.max(0, node.size() - 1);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                size += quoted(field.getKey()) + 1 + of(field.getValue());
            }
            return size;
        }
        if (node.isArray()) {
            int size = 2 + Math.max(0, node.size() - 1);
            for (JsonNode element : node) {
                size += of(element);
            }
            return size;
        }
        if (node.isTextual()) {
            return quoted(node.asText());
        }
        return node.toString().length();
    }

    /** Characters of the string a value resolves to, without quotes. */
    private static int stringLength(JsonNode node) {
        if (node.isTextual()) {
            return quoted(node.asText()) - 2;
        }
        if (node.isObject() && node.has("Ref")) {
            return PSEUDO.getOrDefault(node.get("Ref").asText(), REFERENCE);
        }
        if (node.isObject() && node.has("Fn::Join")) {
            JsonNode join = node.get("Fn::Join");
            String separator = join.get(0).asText();
            JsonNode parts = join.get(1);
            int length = separator.length() * Math.max(0, parts.size() - 1);
            for (JsonNode part : parts) {
                length += stringLength(part);
            }
            return length;
        }
        return REFERENCE;
    }

    private static int quoted(String value) {
        try {
            return JSON.writeValueAsString(value).length();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
