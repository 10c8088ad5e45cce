package dev.autocentric.local.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
    /** A stand-in for a deployment: every resource gets a predictable name, ARN and stream. */
    static final class FakeNames implements ResourceNames {
        @Override
        public String ref(String logicalId) {
            if (logicalId.equals("Work")) {
                return "http://queue/Work";
            }
            return "p-" + logicalId;
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return switch (attribute) {
                case "Arn" -> "arn:aws:sqs:us-east-1:1:p-" + logicalId;
                case "StreamArn" -> "arn:stream:" + logicalId;
                case "QueueName" -> "p-" + logicalId;
                default -> throw new UnresolvedReference(logicalId, attribute);
            };
        }

        @Override
        public String region() {
            return "eu-west-3";
        }

        @Override
        public String accountId() {
            return "1";
        }

        @Override
        public String stackName() {
            return "s";
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(SamTemplateTest.class.getResource("/" + name).toURI());
    }

    @Test
    void mergesGlobalsAndResolvesEveryIntrinsicTheRuntimeMeets() throws Exception {
        SamTemplate t = SamTemplate.load(resource("intrinsics-template.yaml"), Map.of("Secret", "s3cret"));
        FunctionSpec f = t.functions(new FakeNames()).get(0);

        assertEquals("Worker", f.logicalId());
        assertEquals("java21", f.runtime());
        assertEquals(512, f.memoryMb());
        assertEquals(30, f.timeoutSeconds(), "a function's own Timeout wins over Globals");
        assertEquals(t.baseDir().resolve("build/worker.jar"), f.codeUri());
        Map<String, String> env = f.environment();
        assertEquals("p-Things", env.get("TABLE"), "Globals variables are inherited");
        assertEquals("dev-eu-west-3-${Literal}", env.get("SHARED"), "function variables override Globals; Sub escapes ${!x}");
        assertEquals("http://queue/Work", env.get("QUEUE_URL"));
        assertEquals("a,y,p-Dead", env.get("JOINED"));
        assertEquals("p-Things-name", env.get("NAME"));
        assertEquals("s3cret", env.get("SECRET"), "parameter overrides are applied");
        assertFalse(env.containsKey("MISSING"), "AWS::NoValue removes the entry");
    }

    @Test
    void readsEachKindOfEventSource() throws Exception {
        SamTemplate t = SamTemplate.load(resource("intrinsics-template.yaml"), Map.of("Secret", "x"));
        FunctionSpec f = t.functions(new FakeNames()).get(0);

        assertEquals(List.of(new EventSource.HttpApi("Get", "GET", "/v1/things/{id}")), f.events(EventSource.HttpApi.class));
        assertEquals(List.of(new EventSource.DynamoDbStream("Changes", "arn:stream:Things", "TRIM_HORIZON", 5, 2, true,
                "arn:aws:sqs:us-east-1:1:p-Dead", true)), f.events(EventSource.DynamoDbStream.class));
        assertEquals(List.of(new EventSource.Sqs("Jobs", "arn:aws:sqs:us-east-1:1:p-Work", 3, false)),
                f.events(EventSource.Sqs.class));
        assertEquals(List.of(new EventSource.EventBridgeRule("Placed", "p-Bus", "{\"source\":[\"shop.orders\"]}")),
                f.events(EventSource.EventBridgeRule.class));
        assertEquals(List.of(new EventSource.Schedule("Tick", "rate(5 minutes)", true, "{\"k\":1}")),
                f.events(EventSource.Schedule.class));
    }

    @Test
    void readsRulesWithTheirSqsTargets() throws Exception {
        SamTemplate t = SamTemplate.load(resource("intrinsics-template.yaml"), Map.of("Secret", "x"));
        List<RuleSpec> rules = t.rules(new FakeNames());
        assertEquals(1, rules.size());
        assertEquals("p-Bus", rules.get(0).eventBusName());
        assertEquals("{\"source\":[\"shop.orders\"],\"detail-type\":[\"OrderPlaced\"]}", rules.get(0).patternJson());
        assertEquals(List.of("arn:aws:sqs:us-east-1:1:p-Work"), rules.get(0).sqsTargetArns());
    }

    @Test
    void conditionsFollowParameters() throws Exception {
        SamTemplate prod = SamTemplate.load(resource("intrinsics-template.yaml"), Map.of("Secret", "x", "Stage", "prod"));
        Map<String, String> env = prod.functions(new FakeNames()).get(0).environment();
        assertEquals("prod-value", env.get("SHARED"));
        assertEquals("shown", env.get("MISSING"));
    }

    @Test
    void refusesUnknownParameterOverrides() throws Exception {
        Path file = resource("intrinsics-template.yaml");
        assertThrows(IllegalArgumentException.class, () -> SamTemplate.load(file, Map.of("Nope", "1")));
    }

    @Test
    void readsTheProjectTemplate() {
        Path root = dev.autocentric.local.emulator.ProjectRoot.find();
        SamTemplate t = SamTemplate.load(root.resolve("template.yaml"), Map.of("AdminTokenSha256", "0".repeat(64)));
        List<FunctionSpec> functions = t.functions(new FakeNames());
        assertFalse(functions.isEmpty());
        for (FunctionSpec f : functions) {
            assertEquals("java21", f.runtime(), f.logicalId());
            assertTrue(f.codeUri().toString().endsWith(".jar"), "each function's CodeUri names its JAR: " + f.codeUri());
        }
    }
}
