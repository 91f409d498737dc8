package market.udong.infra.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import market.udong.infra.wiring.Templates.Resource;

/**
 * Wiring the CloudFormation validators cannot see, found by walking every template of a set of
 * stacks: each check returns what is wrong, one line per finding, empty when all is well.
 */
final class Wiring {

    private final Templates t;

    Wiring(Templates templates) {
        this.t = templates;
    }

    // ---- producers of encrypted queues and topics --------------------------------------------

    /**
     * Whoever sends to an SQS queue or SNS topic may do so and may use the queue's or topic's KMS
     * key: a function's role for its dead-letter queue, its invoke configuration's and its event
     * source mappings' destinations; the service principal, through the key's policy (and the
     * queue's policy), for EventBridge targets and dead-letter queues, alarm actions and SNS
     * subscriptions.
     */
    List<String> producersMayUseTheirDestinationsKeys() {
        List<String> problems = new ArrayList<>();
        for (Resource f : t.all("AWS::Lambda::Function")) {
            destination(f, f.props().path("DeadLetterConfig").path("TargetArn"))
                    .ifPresent(d -> roleMaySend(f, d, "dead-letter queue", problems));
        }
        for (Resource c : t.all("AWS::Lambda::EventInvokeConfig")) {
            functionOf(c.stack(), c.props().path("FunctionName")).ifPresent(f -> {
                for (String kind : List.of("OnFailure", "OnSuccess")) {
                    destination(c, c.props().path("DestinationConfig").path(kind).path("Destination"))
                            .ifPresent(d -> roleMaySend(f, d, "invoke configuration's " + kind + " destination", problems));
                }
            });
        }
        for (Resource m : t.all("AWS::Lambda::EventSourceMapping")) {
            functionOf(m.stack(), m.props().path("FunctionName")).ifPresent(f ->
                    destination(m, m.props().path("DestinationConfig").path("OnFailure").path("Destination"))
                            .ifPresent(d -> roleMaySend(f, d, "event source mapping's failure destination", problems)));
        }
        for (Resource rule : t.all("AWS::Events::Rule")) {
            for (JsonNode target : rule.props().path("Targets")) {
                destination(rule, target.path("Arn")).ifPresent(d -> serviceMaySend(rule, d, "events.amazonaws.com", problems));
                destination(rule, target.path("DeadLetterConfig").path("Arn"))
                        .ifPresent(d -> serviceMaySend(rule, d, "events.amazonaws.com", problems));
            }
        }
        for (Resource alarm : t.all("AWS::CloudWatch::Alarm")) {
            for (String actions : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
                for (JsonNode action : alarm.props().path(actions)) {
                    destination(alarm, action).ifPresent(d -> serviceMaySend(alarm, d, "cloudwatch.amazonaws.com", problems));
                }
            }
        }
        for (Resource s : t.all("AWS::SNS::Subscription")) {
            if (s.props().path("Protocol").asText().equals("sqs")) {
                destination(s, s.props().path("Endpoint")).ifPresent(d -> serviceMaySend(s, d, "sns.amazonaws.com", problems));
            }
        }
        return problems;
    }

    /** The queue or topic {@code arn} names. */
    private Optional<Resource> destination(Resource from, JsonNode arn) {
        return t.target(from.stack(), arn).filter(r -> r.type().equals("AWS::SQS::Queue") || r.type().equals("AWS::SNS::Topic"));
    }

    private Optional<Resource> keyOf(Resource destination) {
        return t.target(destination.stack(), destination.props().path("KmsMasterKeyId"))
                .filter(k -> k.type().equals("AWS::KMS::Key"));
    }

    private void roleMaySend(Resource function, Resource destination, String what, List<String> problems) {
        Optional<Resource> role = t.target(function.stack(), function.props().path("Role"));
        if (role.isEmpty()) {
            return;
        }
        List<Map.Entry<String, JsonNode>> statements = t.statementsOf(role.get());
        String send = destination.type().equals("AWS::SQS::Queue") ? "sqs:SendMessage" : "sns:Publish";
        if (!allows(statements, send, destination)) {
            problems.add(function + ": the role may not " + send + " to its " + what + " " + destination);
        }
        keyOf(destination).ifPresent(key -> {
            for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
                if (!allows(statements, action, key) && !keyPolicyAllows(key, Map.of("AWS", role.get()), action)) {
                    problems.add(function + ": the role may not " + action + " with key " + key + " of its " + what + " "
                            + destination);
                }
            }
        });
    }

    private void serviceMaySend(Resource from, Resource destination, String service, List<String> problems) {
        keyOf(destination).ifPresent(key -> {
            for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
                if (!keyPolicyAllowsService(key, service, action)) {
                    problems.add(from + ": " + service + " sends to " + destination + " but key " + key
                            + " does not let it " + action);
                }
            }
        });
        if (destination.type().equals("AWS::SQS::Queue") && !queuePolicyAllows(destination, service)) {
            problems.add(from + ": " + service + " sends to " + destination + " but no queue policy lets it sqs:SendMessage");
        }
    }

    private boolean allows(List<Map.Entry<String, JsonNode>> statements, String action, Resource on) {
        for (Map.Entry<String, JsonNode> s : statements) {
            JsonNode st = s.getValue();
            if (!st.path("Effect").asText("Allow").equals("Allow") || !actionMatches(st.path("Action"), action)) {
                continue;
            }
            for (JsonNode resource : Templates.elements(st.path("Resource"))) {
                if (resource.isTextual() && resource.asText().equals("*")) {
                    return true;
                }
                Optional<Resource> r = t.target(s.getKey(), resource);
                if (r.isPresent() && r.get().stack().equals(on.stack()) && r.get().id().equals(on.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean keyPolicyAllowsService(Resource key, String service, String action) {
        for (JsonNode st : key.props().path("KeyPolicy").path("Statement")) {
            if (st.path("Effect").asText().equals("Allow") && actionMatches(st.path("Action"), action)
                    && Templates.strings(st.path("Principal").path("Service")).contains(service)) {
                return true;
            }
        }
        return false;
    }

    private boolean keyPolicyAllows(Resource key, Map<String, Resource> principal, String action) {
        Resource role = principal.get("AWS");
        for (JsonNode st : key.props().path("KeyPolicy").path("Statement")) {
            if (!st.path("Effect").asText().equals("Allow") || !actionMatches(st.path("Action"), action)) {
                continue;
            }
            for (JsonNode p : Templates.elements(st.path("Principal").path("AWS"))) {
                Optional<Resource> r = t.target(key.stack(), p);
                if (r.isPresent() && r.get().stack().equals(role.stack()) && r.get().id().equals(role.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean queuePolicyAllows(Resource queue, String service) {
        for (Resource policy : t.all("AWS::SQS::QueuePolicy")) {
            boolean covers = false;
            for (JsonNode q : policy.props().path("Queues")) {
                Optional<Resource> r = t.target(policy.stack(), q);
                covers |= r.isPresent() && r.get().stack().equals(queue.stack()) && r.get().id().equals(queue.id());
            }
            if (!covers) {
                continue;
            }
            for (JsonNode st : policy.props().path("PolicyDocument").path("Statement")) {
                if (st.path("Effect").asText().equals("Allow") && actionMatches(st.path("Action"), "sqs:SendMessage")
                        && Templates.strings(st.path("Principal").path("Service")).contains(service)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean actionMatches(JsonNode actions, String action) {
        for (String a : Templates.strings(actions)) {
            if (a.equals("*") || a.equalsIgnoreCase(action)
                    || (a.endsWith("*") && action.toLowerCase().startsWith(a.substring(0, a.length() - 1).toLowerCase()))) {
                return true;
            }
        }
        return false;
    }

    // ---- qualifiers --------------------------------------------------------------------------

    /** A function, and the qualifier a reference to it names ({@code $LATEST} when unqualified). */
    record Qualified(Resource function, String qualifier) {
    }

    private Optional<Resource> functionOf(String stack, JsonNode ref) {
        return qualified(stack, ref).map(Qualified::function);
    }

    private Optional<Qualified> qualified(String stack, JsonNode ref) {
        Optional<Resource> r = t.target(stack, ref);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Resource found = r.get();
        if (found.type().equals("AWS::Lambda::Function")) {
            String suffix = Templates.suffix(ref);
            return Optional.of(new Qualified(found, suffix.startsWith(":") ? suffix.substring(1) : "$LATEST"));
        }
        if (found.type().equals("AWS::Lambda::Alias") || found.type().equals("AWS::Lambda::Version")) {
            String qualifier = found.type().equals("AWS::Lambda::Alias") ? found.props().path("Name").asText() : "version";
            return t.target(found.stack(), found.props().path("FunctionName"))
                    .filter(f -> f.type().equals("AWS::Lambda::Function"))
                    .map(f -> new Qualified(f, qualifier));
        }
        return Optional.empty();
    }

    /** Per function, the qualifiers that something in the templates invokes. */
    Map<String, Set<String>> invokedQualifiers() {
        Map<String, Set<String>> invoked = new HashMap<>();
        List<Map.Entry<String, JsonNode>> refs = new ArrayList<>();
        for (Resource rule : t.all("AWS::Events::Rule")) {
            rule.props().path("Targets").forEach(target -> refs.add(Map.entry(rule.stack(), target.path("Arn"))));
        }
        for (Resource m : t.all("AWS::Lambda::EventSourceMapping")) {
            refs.add(Map.entry(m.stack(), m.props().path("FunctionName")));
        }
        for (Resource s : t.all("AWS::SNS::Subscription")) {
            refs.add(Map.entry(s.stack(), s.props().path("Endpoint")));
        }
        for (Resource r : t.all()) {
            if (r.props().has("ServiceToken")) {
                refs.add(Map.entry(r.stack(), r.props().path("ServiceToken")));
            }
        }
        for (Map.Entry<String, JsonNode> ref : refs) {
            qualified(ref.getKey(), ref.getValue()).ifPresent(q ->
                    invoked.computeIfAbsent(q.function().toString(), k -> new HashSet<>()).add(q.qualifier()));
        }
        return invoked;
    }

    /**
     * Settings that apply to one qualifier of a function (asynchronous invoke configurations,
     * resource-based permissions) are on a qualifier that is invoked: a configuration on
     * {@code $LATEST} of a function only ever invoked through its alias never applies.
     */
    List<String> qualifiedSettingsTargetTheInvokedQualifier() {
        Map<String, Set<String>> invoked = invokedQualifiers();
        List<String> problems = new ArrayList<>();
        for (Resource c : t.all("AWS::Lambda::EventInvokeConfig")) {
            functionOf(c.stack(), c.props().path("FunctionName")).ifPresent(f -> {
                Set<String> used = invoked.getOrDefault(f.toString(), Set.of());
                String qualifier = qualifier(c.stack(), c.props().path("Qualifier"));
                if (!used.isEmpty() && !used.contains(qualifier)) {
                    problems.add(c + ": invoke configuration on " + f + ":" + qualifier + ", which is invoked as " + used);
                }
            });
        }
        for (Resource p : t.all("AWS::Lambda::Permission")) {
            qualified(p.stack(), p.props().path("FunctionName")).ifPresent(q -> {
                Set<String> used = invoked.getOrDefault(q.function().toString(), Set.of());
                if (!used.isEmpty() && !used.contains(q.qualifier())) {
                    problems.add(p + ": permission on " + q.function() + ":" + q.qualifier() + ", which is invoked as " + used);
                }
            });
        }
        return problems;
    }

    /** A qualifier as written, or the name of the alias an expression takes it from (CDK splits the alias ARN). */
    private String qualifier(String stack, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        List<String> aliases = new ArrayList<>();
        walk(value, node -> {
            if (node.has("Ref")) {
                t.resource(stack, node.get("Ref").asText()).filter(r -> r.type().equals("AWS::Lambda::Alias"))
                        .ifPresent(a -> aliases.add(a.props().path("Name").asText()));
            }
        });
        return aliases.size() == 1 ? aliases.get(0) : value.toString();
    }

    // ---- imports and exports ----------------------------------------------------------------

    /** Every {@code Fn::ImportValue} names an export of another stack, which the importing stack depends on. */
    List<String> importsHaveExportsDeployedFirst() {
        List<String> problems = new ArrayList<>();
        t.templates.forEach((stack, template) -> walk(template, node -> {
            JsonNode name = node.path("Fn::ImportValue");
            if (!name.isTextual()) {
                return;
            }
            Map.Entry<String, JsonNode> export = t.exports.get(name.asText());
            if (export == null) {
                problems.add(stack + " imports " + name.asText() + ", which no stack exports");
            } else if (!dependsOn(stack, export.getKey(), new HashSet<>())) {
                problems.add(stack + " imports " + name.asText() + " from " + export.getKey() + " without depending on it");
            }
        }));
        return problems;
    }

    private boolean dependsOn(String stack, String on, Set<String> seen) {
        if (!seen.add(stack)) {
            return false;
        }
        for (String d : t.dependencies.getOrDefault(stack, List.of())) {
            if (d.equals(on) || dependsOn(d, on, seen)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        visit.accept(node);
        node.elements().forEachRemaining(child -> walk(child, visit));
    }

    // ---- names ---------------------------------------------------------------------------------

    /** A service's rule for one name: the longest it may be and what it may contain. */
    record NameRule(String type, String path, int maxLength, Pattern allowed) {
    }

    private static final Pattern EC2_TEXT = Pattern.compile("^[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*(?<!-)$");

    static final List<NameRule> NAME_RULES = List.of(
            new NameRule("AWS::EC2::SecurityGroup", "/GroupDescription", 255, EC2_TEXT),
            new NameRule("AWS::EC2::SecurityGroupIngress", "/Description", 255, EC2_TEXT),
            new NameRule("AWS::EC2::SecurityGroupEgress", "/Description", 255, EC2_TEXT),
            new NameRule("AWS::IAM::Role", "/RoleName", 64, Pattern.compile("^[\\w+=,.@-]+$")),
            new NameRule("AWS::IAM::ManagedPolicy", "/ManagedPolicyName", 128, Pattern.compile("^[\\w+=,.@-]+$")),
            new NameRule("AWS::IAM::Policy", "/PolicyName", 128, Pattern.compile("^[\\w+=,.@-]+$")),
            new NameRule("AWS::Lambda::Function", "/FunctionName", 64, Pattern.compile("^[a-zA-Z0-9_-]+$")),
            new NameRule("AWS::Lambda::Function", "/Description", 256, Pattern.compile("^.*$", Pattern.DOTALL)),
            new NameRule("AWS::SQS::Queue", "/QueueName", 80, Pattern.compile("^[a-zA-Z0-9_-]+(\\.fifo)?$")),
            new NameRule("AWS::SNS::Topic", "/TopicName", 256, Pattern.compile("^[a-zA-Z0-9_-]+$")),
            new NameRule("AWS::Events::Rule", "/Name", 64, Pattern.compile("^[.\\-_A-Za-z0-9]+$")),
            new NameRule("AWS::Events::Rule", "/Description", 512, Pattern.compile("^.*$", Pattern.DOTALL)),
            new NameRule("AWS::Glue::Job", "/Name", 255, Pattern.compile("^[\\w.-]+$")),
            new NameRule("AWS::Glue::Trigger", "/Name", 255, Pattern.compile("^[\\w.-]+$")),
            new NameRule("AWS::Glue::Database", "/DatabaseInput/Name", 255, Pattern.compile("^[a-z0-9_]+$")),
            new NameRule("AWS::RDS::DBInstance", "/DBInstanceIdentifier", 63, IDENTIFIER),
            new NameRule("AWS::RDS::DBParameterGroup", "/Description", 255, Pattern.compile("^.*$")),
            new NameRule("AWS::DMS::ReplicationInstance", "/ReplicationInstanceIdentifier", 63, IDENTIFIER),
            new NameRule("AWS::DMS::Endpoint", "/EndpointIdentifier", 255, IDENTIFIER),
            new NameRule("AWS::DMS::ReplicationTask", "/ReplicationTaskIdentifier", 255, IDENTIFIER),
            new NameRule("AWS::SecretsManager::Secret", "/Name", 512, Pattern.compile("^[\\w/+=.@-]+$")),
            new NameRule("AWS::S3::Bucket", "/BucketName", 63, Pattern.compile("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")),
            new NameRule("AWS::Athena::WorkGroup", "/Name", 128, Pattern.compile("^[a-zA-Z0-9._-]+$")),
            new NameRule("AWS::Athena::DataCatalog", "/Name", 127, Pattern.compile("^[\\w@-]+$")),
            new NameRule("AWS::Athena::NamedQuery", "/Name", 128, Pattern.compile("^.+$")),
            new NameRule("AWS::Kinesis::Stream", "/Name", 128, Pattern.compile("^[a-zA-Z0-9_.-]+$")),
            new NameRule("AWS::MSK::Cluster", "/ClusterName", 64, Pattern.compile("^[0-9A-Za-z][0-9A-Za-z-]*$")),
            new NameRule("AWS::Logs::LogGroup", "/LogGroupName", 512, Pattern.compile("^[.\\-_/#A-Za-z0-9]+$")),
            new NameRule("AWS::KMS::Alias", "/AliasName", 256, Pattern.compile("^alias/(?!aws/)[a-zA-Z0-9/_-]+$")),
            new NameRule("AWS::CloudWatch::Alarm", "/AlarmName", 255, Pattern.compile("^.+$")));

    /** Every literal name and description within its service's length and characters. */
    List<String> namesFollowTheirServicesRules() {
        List<String> problems = new ArrayList<>();
        for (NameRule rule : NAME_RULES) {
            for (Resource r : t.all(rule.type())) {
                check(r, rule, r.props().at(rule.path()), problems);
            }
        }
        for (Resource sg : t.all("AWS::EC2::SecurityGroup")) {
            for (String rules : List.of("SecurityGroupIngress", "SecurityGroupEgress")) {
                for (JsonNode inline : sg.props().path(rules)) {
                    check(sg, new NameRule(sg.type(), rules + "[]/Description", 255, EC2_TEXT), inline.path("Description"), problems);
                }
            }
        }
        return problems;
    }

    private static void check(Resource r, NameRule rule, JsonNode value, List<String> problems) {
        if (!value.isTextual()) {
            return;
        }
        String v = value.asText();
        if (v.length() > rule.maxLength()) {
            problems.add(r + " " + rule.path() + ": '" + v + "' has " + v.length() + " characters; at most " + rule.maxLength());
        }
        if (!rule.allowed().matcher(v).matches()) {
            problems.add(r + " " + rule.path() + ": '" + v + "' does not match " + rule.allowed().pattern());
        }
    }
}
