package market.udong.infra.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized templates of a set of stacks, with references resolved across them: a
 * {@code Ref}, {@code Fn::GetAtt} or {@code Fn::ImportValue} (through the exporting stack's output)
 * leads to the resource it names. What the wiring checks walk.
 */
final class Templates {

    /** A resource of one stack. */
    record Resource(String stack, String id, JsonNode body) {
        String type() {
            return body.path("Type").asText();
        }

        JsonNode props() {
            return body.path("Properties");
        }

        @Override
        public String toString() {
            return stack + "/" + id;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, JsonNode> templates = new LinkedHashMap<>();
    final Map<String, List<String>> dependencies = new LinkedHashMap<>();
    /** Export name to the exporting stack and the output's value. */
    final Map<String, Map.Entry<String, JsonNode>> exports = new LinkedHashMap<>();

    Templates(List<? extends Stack> stacks) {
        for (Stack stack : stacks) {
            JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
            templates.put(stack.getStackName(), template);
            dependencies.put(stack.getStackName(), stack.getDependencies().stream().map(Stack::getStackName).toList());
            template.path("Outputs").properties().forEach(o -> {
                JsonNode name = o.getValue().path("Export").path("Name");
                if (name.isTextual()) {
                    exports.put(name.asText(), Map.entry(stack.getStackName(), o.getValue().path("Value")));
                }
            });
        }
    }

    List<Resource> all(String type) {
        List<Resource> found = new ArrayList<>();
        templates.forEach((stack, template) -> template.path("Resources").properties().forEach(r -> {
            if (r.getValue().path("Type").asText().equals(type)) {
                found.add(new Resource(stack, r.getKey(), r.getValue()));
            }
        }));
        return found;
    }

    List<Resource> all() {
        List<Resource> found = new ArrayList<>();
        templates.forEach((stack, template) -> template.path("Resources").properties().forEach(r ->
                found.add(new Resource(stack, r.getKey(), r.getValue()))));
        return found;
    }

    Optional<Resource> resource(String stack, String id) {
        JsonNode body = templates.get(stack).path("Resources").path(id);
        return body.isMissingNode() ? Optional.empty() : Optional.of(new Resource(stack, id, body));
    }

    /** The resource {@code value} (in {@code stack}) refers to, if it is a reference to one. */
    Optional<Resource> target(String stack, JsonNode value) {
        if (value == null || !value.isObject()) {
            return Optional.empty();
        }
        if (value.has("Ref")) {
            return resource(stack, value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt")) {
            return resource(stack, value.get("Fn::GetAtt").get(0).asText());
        }
        if (value.has("Fn::ImportValue") && value.get("Fn::ImportValue").isTextual()) {
            Map.Entry<String, JsonNode> export = exports.get(value.get("Fn::ImportValue").asText());
            return export == null ? Optional.empty() : target(export.getKey(), export.getValue());
        }
        if (value.has("Fn::Join")) {
            // An ARN built around one reference (e.g. "<function arn>:live"): the resource it names.
            for (JsonNode part : value.get("Fn::Join").get(1)) {
                Optional<Resource> found = target(stack, part);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The text after the last reference of an {@code Fn::Join} (a qualifier such as {@code :live}), or "". */
    static String suffix(JsonNode value) {
        if (value != null && value.has("Fn::Join")) {
            JsonNode parts = value.get("Fn::Join").get(1);
            JsonNode last = parts.get(parts.size() - 1);
            return last.isTextual() ? last.asText() : "";
        }
        return "";
    }

    /** Every statement of the identity policies attached to {@code role} (inline policies and managed ones). */
    List<Map.Entry<String, JsonNode>> statementsOf(Resource role) {
        List<Map.Entry<String, JsonNode>> statements = new ArrayList<>();
        role.props().path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement")
                .forEach(s -> statements.add(Map.entry(role.stack(), s))));
        for (Resource policy : all("AWS::IAM::Policy")) {
            attaches(policy, role, policy.props().path("Roles"))
                    .ifPresent(x -> policy.props().path("PolicyDocument").path("Statement")
                            .forEach(s -> statements.add(Map.entry(policy.stack(), s))));
        }
        for (Resource policy : all("AWS::IAM::ManagedPolicy")) {
            attaches(policy, role, policy.props().path("Roles"))
                    .ifPresent(x -> policy.props().path("PolicyDocument").path("Statement")
                            .forEach(s -> statements.add(Map.entry(policy.stack(), s))));
        }
        return statements;
    }

    private Optional<Boolean> attaches(Resource policy, Resource role, JsonNode roles) {
        for (JsonNode r : roles) {
            Optional<Resource> t = target(policy.stack(), r);
            if (t.isPresent() && t.get().stack().equals(role.stack()) && t.get().id().equals(role.id())) {
                return Optional.of(true);
            }
        }
        return Optional.empty();
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    values.add(n.asText());
                }
            });
        }
        return values;
    }

    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else if (!node.isMissingNode()) {
            values.add(node);
        }
        return values;
    }
}
