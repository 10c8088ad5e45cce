package dev.autocentric.local.emulator;

import dev.autocentric.local.cfn.ResourceNames;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.cfn.UnresolvedReference;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the template's resources became in the emulator: physical names and ARNs, the values
 * {@code Ref} and {@code Fn::GetAtt} take locally, and the SDK clients that reach them.
 */
public final class Deployment implements ResourceNames, AutoCloseable {
    public static final String ACCOUNT_ID = "123456789012";

    /** What one provisioned resource answers to Ref and GetAtt. */
    record Physical(String type, String ref, Map<String, String> attributes) {
    }

    private final SamTemplate template;
    private final String prefix;
    private final EmulatorClients clients;
    private final Map<String, Physical> resources = new ConcurrentHashMap<>();

    Deployment(SamTemplate template, String prefix, EmulatorClients clients) {
        this.template = template;
        this.prefix = prefix;
        this.clients = clients;
    }

    void put(String logicalId, Physical physical) {
        resources.put(logicalId, physical);
    }

    public SamTemplate template() {
        return template;
    }

    /** Prefix put before every physical name, so several deployments can share one emulator. */
    public String prefix() {
        return prefix;
    }

    public URI endpoint() {
        return clients.endpoint();
    }

    public DynamoDbClient dynamo() {
        return clients.dynamo();
    }

    public DynamoDbStreamsClient streams() {
        return clients.streams();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    public EventBridgeClient events() {
        return clients.events();
    }

    public String physicalName(String logicalId) {
        return ref(logicalId);
    }

    public String arn(String logicalId) {
        return getAtt(logicalId, "Arn");
    }

    public String streamArn(String logicalId) {
        return getAtt(logicalId, "StreamArn");
    }

    public String queueUrl(String logicalId) {
        return getAtt(logicalId, "QueueUrl");
    }

    /** The URL of the queue with this ARN, or null when the ARN is not one of this deployment's queues. */
    public String queueUrlForArn(String arn) {
        return resources.values().stream()
                .filter(p -> p.type().equals(SamTemplate.QUEUE) && arn.equals(p.attributes().get("Arn")))
                .map(p -> p.attributes().get("QueueUrl")).findFirst().orElse(null);
    }

    /** The logical id of the table whose stream has this ARN, or null. */
    public String tableForStreamArn(String streamArn) {
        return resources.entrySet().stream()
                .filter(e -> streamArn.equals(e.getValue().attributes().get("StreamArn")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Physical table names by logical id. */
    public Map<String, String> tableNames() {
        Map<String, String> out = new java.util.TreeMap<>();
        resources.forEach((id, p) -> {
            if (p.type().equals(SamTemplate.TABLE)) {
                out.put(id, p.ref());
            }
        });
        return out;
    }

    @Override
    public String ref(String logicalId) {
        Physical p = resources.get(logicalId);
        if (p != null) {
            return p.ref();
        }
        var declared = template.resources().get(logicalId);
        if (declared == null) {
            throw new UnresolvedReference(logicalId, "no resource or parameter named " + logicalId);
        }
        return switch (declared.type()) {
            case SamTemplate.FUNCTION -> functionName(logicalId);
            case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" -> "local";
            default -> throw new UnresolvedReference(logicalId, logicalId + " (" + declared.type()
                    + ") has no local counterpart");
        };
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        Physical p = resources.get(logicalId);
        if (p != null && p.attributes().containsKey(attribute)) {
            return p.attributes().get(attribute);
        }
        var declared = template.resources().get(logicalId);
        if (declared != null && declared.type().equals(SamTemplate.FUNCTION) && attribute.equals("Arn")) {
            return "arn:aws:lambda:" + region() + ":" + ACCOUNT_ID + ":function:" + functionName(logicalId);
        }
        throw new UnresolvedReference(logicalId, "no attribute " + attribute + " of " + logicalId + " locally");
    }

    /** The name a function has locally (and in its AWS_LAMBDA_FUNCTION_NAME). */
    public String functionName(String logicalId) {
        return prefix + logicalId;
    }

    @Override
    public String region() {
        return clients.region();
    }

    @Override
    public String accountId() {
        return ACCOUNT_ID;
    }

    @Override
    public String stackName() {
        return prefix.isEmpty() ? "autocentric-local" : prefix.replaceAll("[^A-Za-z0-9-]", "");
    }

    @Override
    public void close() {
        clients.close();
    }
}
