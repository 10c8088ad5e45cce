package dev.autocentric.local.cfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAM template read for local use: resources, parameters, conditions, Globals, and the
 * functions and rules with their intrinsics resolved against what the emulator holds. Reading the
 * deploy template directly keeps one definition of every table, queue, bus, route and event source.
 */
public final class SamTemplate {
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String BUS = "AWS::Events::EventBus";
    public static final String RULE = "AWS::Events::Rule";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** Marks a value removed by {@code Ref: AWS::NoValue}. */
    private static final Object NO_VALUE = new Object();

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, String> parameters;
    private final Map<String, Resource> resources;

    private SamTemplate(Path file, Map<String, Object> root, Map<String, String> overrides) {
        this.file = file;
        this.root = root;
        this.parameters = parameterValues(map(root.get("Parameters")), overrides);
        Map<String, Resource> found = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, body) -> {
            Map<String, Object> res = map(body);
            found.put(id, new Resource(id, String.valueOf(res.get("Type")), map(res.get("Properties"))));
        });
        this.resources = Map.copyOf(found);
    }

    /** Loads a template; {@code parameterOverrides} win over each parameter's Default. */
    public static SamTemplate load(Path templateFile, Map<String, String> parameterOverrides) {
        try {
            return new SamTemplate(templateFile.toAbsolutePath().normalize(),
                    CfnYaml.parse(Files.readString(templateFile)), parameterOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateFile, e);
        }
    }

    public Path file() {
        return file;
    }

    public Path baseDir() {
        return file.getParent();
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    /** Resources of one type, in template order. */
    public List<Resource> resourcesOfType(String type) {
        List<Resource> out = new ArrayList<>();
        for (String id : map(root.get("Resources")).keySet()) {
            Resource r = resources.get(id);
            if (r.type().equals(type)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Resolves every intrinsic in a value (a property tree); {@code AWS::NoValue} entries vanish. */
    public Object resolve(Object node, ResourceNames names) {
        Object value = resolveNode(node, names);
        return value == NO_VALUE ? null : value;
    }

    /** The serverless functions with Globals merged in and the fields the runtime needs resolved. */
    public List<FunctionSpec> functions(ResourceNames names) {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<FunctionSpec> out = new ArrayList<>();
        for (Resource r : resourcesOfType(FUNCTION)) {
            Map<String, Object> props = new LinkedHashMap<>(globals);
            props.putAll(r.properties());
            Map<String, String> env = new LinkedHashMap<>();
            for (Map<String, Object> source : List.of(globals, r.properties())) {
                map(map(source.get("Environment")).get("Variables")).forEach((k, v) -> {
                    String value = text(resolve(v, names));
                    if (value == null) {
                        env.remove(k); // AWS::NoValue: the variable is not set at all
                    } else {
                        env.put(k, value);
                    }
                });
            }
            List<EventSource> events = new ArrayList<>();
            map(r.properties().get("Events")).forEach((name, body) -> {
                EventSource e = eventSource(name, map(body), names);
                if (e != null) {
                    events.add(e);
                }
            });
            String codeUri = text(resolve(props.get("CodeUri"), names));
            out.add(new FunctionSpec(r.logicalId(),
                    codeUri == null ? null : baseDir().resolve(codeUri).normalize(),
                    text(resolve(props.get("Handler"), names)),
                    text(resolve(props.get("Runtime"), names)),
                    intValue(resolve(props.get("MemorySize"), names), 128),
                    intValue(resolve(props.get("Timeout"), names), 3),
                    env, events));
        }
        return out;
    }

    /** The {@code AWS::Events::Rule} resources and the SQS queues each one targets. */
    public List<RuleSpec> rules(ResourceNames names) {
        List<RuleSpec> out = new ArrayList<>();
        for (Resource r : resourcesOfType(RULE)) {
            Map<String, Object> p = r.properties();
            if ("DISABLED".equals(text(resolve(p.get("State"), names)))) {
                continue;
            }
            String bus = text(resolve(p.get("EventBusName"), names));
            List<String> targets = new ArrayList<>();
            for (Object t : list(p.get("Targets"))) {
                String arn = text(resolve(map(t).get("Arn"), names));
                if (arn != null && arn.startsWith("arn:aws:sqs:")) {
                    targets.add(arn);
                }
            }
            out.add(new RuleSpec(r.logicalId(), bus == null ? "default" : busName(bus),
                    patternJson(resolve(p.get("EventPattern"), names)), targets));
        }
        return out;
    }

    private EventSource eventSource(String name, Map<String, Object> body, ResourceNames names) {
        String type = String.valueOf(body.get("Type"));
        Map<String, Object> p = map(body.get("Properties"));
        switch (type) {
            case "HttpApi", "Api" -> {
                String path = text(resolve(p.get("Path"), names));
                String method = text(resolve(p.get("Method"), names));
                return new EventSource.HttpApi(name, method == null ? "ANY" : method.toUpperCase(),
                        path == null ? "$default" : path);
            }
            case "DynamoDB" -> {
                Map<String, Object> onFailure = map(map(p.get("DestinationConfig")).get("OnFailure"));
                return new EventSource.DynamoDbStream(name, text(resolve(p.get("Stream"), names)),
                        textOr(resolve(p.get("StartingPosition"), names), "LATEST"),
                        intValue(resolve(p.get("BatchSize"), names), 100),
                        intValue(resolve(p.get("MaximumRetryAttempts"), names), -1),
                        Boolean.parseBoolean(textOr(resolve(p.get("BisectBatchOnFunctionError"), names), "false")),
                        text(resolve(onFailure.get("Destination"), names)),
                        reportsItemFailures(p, names));
            }
            case "SQS" -> {
                return new EventSource.Sqs(name, text(resolve(p.get("Queue"), names)),
                        intValue(resolve(p.get("BatchSize"), names), 10), reportsItemFailures(p, names));
            }
            case "EventBridgeRule", "CloudWatchEvent" -> {
                String bus = text(resolve(p.get("EventBusName"), names));
                return new EventSource.EventBridgeRule(name, bus == null ? "default" : busName(bus),
                        patternJson(resolve(p.get("Pattern"), names)));
            }
            case "Schedule", "ScheduleV2" -> {
                String expression = text(resolve(p.containsKey("Schedule") ? p.get("Schedule")
                        : p.get("ScheduleExpression"), names));
                String state = text(resolve(p.get("State"), names));
                boolean enabled = Boolean.parseBoolean(textOr(resolve(p.get("Enabled"), names), "true"))
                        && !"DISABLED".equals(state);
                return new EventSource.Schedule(name, expression, enabled, text(resolve(p.get("Input"), names)));
            }
            default -> {
                return null; // other event types have no local counterpart yet
            }
        }
    }

    private boolean reportsItemFailures(Map<String, Object> p, ResourceNames names) {
        Object types = resolve(p.get("FunctionResponseTypes"), names);
        return types instanceof List<?> l && l.contains("ReportBatchItemFailures");
    }

    /** A bus is named either by name or by ARN; the runtime keys buses by name. */
    private static String busName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }

    private static String patternJson(Object pattern) {
        if (pattern == null) {
            return null;
        }
        if (pattern instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pattern is not JSON-able: " + pattern, e);
        }
    }

    // ------------------------------------------------------------------ intrinsics

    private Object resolveNode(Object node, ResourceNames names) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object arg = m.values().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, arg, names);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = resolveNode(v, names);
                if (r != NO_VALUE) {
                    out.put(String.valueOf(k), r);
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                Object r = resolveNode(v, names);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return node;
    }

    private Object intrinsic(String fn, Object arg, ResourceNames names) {
        switch (fn) {
            case "Ref" -> {
                return ref(String.valueOf(resolveNode(arg, names)), names);
            }
            case "Fn::GetAtt" -> {
                List<?> parts = arg instanceof String s ? List.of(s.substring(0, s.indexOf('.')),
                        s.substring(s.indexOf('.') + 1)) : (List<?>) resolveNode(arg, names);
                return names.getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Sub" -> {
                if (arg instanceof List<?> l) {
                    Map<String, Object> vars = map(resolveNode(l.get(1), names));
                    return substitute(String.valueOf(l.get(0)), vars, names);
                }
                return substitute(String.valueOf(arg), Map.of(), names);
            }
            case "Fn::Join" -> {
                List<?> l = (List<?>) arg;
                List<?> items = (List<?>) resolveNode(l.get(1), names);
                List<String> parts = new ArrayList<>();
                items.forEach(i -> parts.add(text(i)));
                return String.join(String.valueOf(l.get(0)), parts);
            }
            case "Fn::Select" -> {
                List<?> l = (List<?>) arg;
                int index = intValue(resolveNode(l.get(0), names), 0);
                return ((List<?>) resolveNode(l.get(1), names)).get(index);
            }
            case "Fn::Split" -> {
                List<?> l = (List<?>) arg;
                String source = text(resolveNode(l.get(1), names));
                return List.of(source.split(Pattern.quote(String.valueOf(l.get(0))), -1));
            }
            case "Fn::If" -> {
                List<?> l = (List<?>) arg;
                return resolveNode(condition(String.valueOf(l.get(0)), names) ? l.get(1) : l.get(2), names);
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> {
                return evaluate(Map.of(fn, arg), names);
            }
            case "Fn::ToJsonString" -> {
                return patternJson(resolveNode(arg, names));
            }
            default -> throw new IllegalArgumentException(fn + " is not supported by the local runtime");
        }
    }

    private Object ref(String name, ResourceNames names) {
        switch (name) {
            case "AWS::Region":
                return names.region();
            case "AWS::AccountId":
                return names.accountId();
            case "AWS::StackName":
                return names.stackName();
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                if (parameters.containsKey(name)) {
                    return parameters.get(name);
                }
                return names.ref(name);
        }
    }

    private String substitute(String template, Map<String, Object> vars, ResourceNames names) {
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String value;
            if (expr.startsWith("!")) {
                value = "${" + expr.substring(1) + "}";
            } else if (vars.containsKey(expr)) {
                value = text(vars.get(expr));
            } else if (expr.contains(".") && !expr.startsWith("AWS::")) {
                int dot = expr.indexOf('.');
                value = names.getAtt(expr.substring(0, dot), expr.substring(dot + 1));
            } else {
                value = text(ref(expr, names));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean condition(String name, ResourceNames names) {
        Object body = map(root.get("Conditions")).get(name);
        if (body == null) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        return evaluate(body, names);
    }

    private boolean evaluate(Object expression, ResourceNames names) {
        Map<String, Object> m = map(expression);
        String fn = m.keySet().iterator().next();
        Object arg = m.get(fn);
        return switch (fn) {
            case "Condition" -> condition(String.valueOf(arg), names);
            case "Fn::Equals" -> {
                List<?> l = (List<?>) arg;
                yield text(resolveNode(l.get(0), names)).equals(text(resolveNode(l.get(1), names)));
            }
            case "Fn::Not" -> !evaluate(((List<?>) arg).get(0), names);
            case "Fn::And" -> ((List<?>) arg).stream().allMatch(c -> evaluate(c, names));
            case "Fn::Or" -> ((List<?>) arg).stream().anyMatch(c -> evaluate(c, names));
            default -> throw new IllegalArgumentException("not a condition function: " + fn);
        };
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, String> parameterValues(Map<String, Object> declared, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach((name, body) -> {
            Object def = map(body).get("Default");
            if (def != null) {
                values.put(name, text(def));
            }
        });
        overrides.forEach((k, v) -> {
            if (!declared.containsKey(k)) {
                throw new IllegalArgumentException("template has no parameter " + k);
            }
            values.put(k, v);
        });
        return Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String textOr(Object o, String fallback) {
        return o == null ? fallback : String.valueOf(o);
    }

    private static int intValue(Object o, int fallback) {
        if (o == null) {
            return fallback;
        }
        return o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o).trim());
    }
}
