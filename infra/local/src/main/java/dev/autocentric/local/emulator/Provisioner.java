package dev.autocentric.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocentric.local.cfn.Resource;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.cfn.UnresolvedReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables, queues and event buses in the emulator, from the template's own
 * resource definitions (never a second copy of them).
 */
public final class Provisioner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorClients clients;

    public Provisioner(EmulatorClients clients) {
        this.clients = clients;
    }

    /** Provisions every table, queue and bus; physical names are {@code prefix + LogicalId} unless the template names them. */
    public Deployment provision(SamTemplate template, String prefix) {
        Deployment d = new Deployment(template, prefix, clients);
        for (Resource table : template.resourcesOfType(SamTemplate.TABLE)) {
            createTable(d, table);
        }
        createQueues(d, template.resourcesOfType(SamTemplate.QUEUE));
        for (Resource bus : template.resourcesOfType(SamTemplate.BUS)) {
            String name = String.valueOf(template.resolve(bus.properties().get("Name"), d));
            String arn = clients.events().createEventBus(b -> b.name(name)).eventBusArn();
            d.put(bus.logicalId(), new Deployment.Physical(SamTemplate.BUS, name, Map.of("Arn", arn, "Name", name)));
        }
        return d;
    }

    private void createTable(Deployment d, Resource table) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) d.template().resolve(table.properties(), d);
        String name = p.containsKey("TableName") ? String.valueOf(p.get("TableName")) : d.prefix() + table.logicalId();
        CreateTableRequest.Builder req = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                .attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(g -> GlobalSecondaryIndex.builder().indexName(str(g, "IndexName"))
                        .keySchema(keySchema(g.get("KeySchema"))).projection(projection(g.get("Projection"))).build())
                .toList();
        if (!gsis.isEmpty()) {
            req.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = list(p.get("LocalSecondaryIndexes")).stream()
                .map(g -> LocalSecondaryIndex.builder().indexName(str(g, "IndexName"))
                        .keySchema(keySchema(g.get("KeySchema"))).projection(projection(g.get("Projection"))).build())
                .toList();
        if (!lsis.isEmpty()) {
            req.localSecondaryIndexes(lsis);
        }
        Map<String, Object> stream = map(p.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            req.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        TableDescription created = clients.dynamo().createTable(req.build()).tableDescription();
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            clients.dynamo().updateTimeToLive(u -> u.tableName(name).timeToLiveSpecification(
                    t -> t.attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true)));
        }
        Map<String, String> attrs = new HashMap<>();
        attrs.put("Arn", created.tableArn());
        if (created.latestStreamArn() != null) {
            attrs.put("StreamArn", created.latestStreamArn());
        }
        d.put(table.logicalId(), new Deployment.Physical(SamTemplate.TABLE, name, attrs));
    }

    /** Queues may name each other (dead-letter queues), so create them in dependency order. */
    private void createQueues(Deployment d, List<Resource> queues) {
        List<Resource> pending = new ArrayList<>(queues);
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Resource q = it.next();
                try {
                    createQueue(d, q);
                    it.remove();
                } catch (UnresolvedReference notYet) {
                    if (pending.stream().noneMatch(r -> r.logicalId().equals(notYet.logicalId()))) {
                        throw notYet;
                    }
                }
            }
            if (pending.size() == before) {
                throw new IllegalStateException("queues refer to each other in a cycle: " + pending);
            }
        }
    }

    private void createQueue(Deployment d, Resource queue) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) d.template().resolve(queue.properties(), d);
        boolean fifo = Boolean.parseBoolean(String.valueOf(p.get("FifoQueue")));
        String name = p.containsKey("QueueName") ? String.valueOf(p.get("QueueName"))
                : d.prefix() + queue.logicalId() + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attrs = new LinkedHashMap<>();
        copy(p, "VisibilityTimeout", attrs, QueueAttributeName.VISIBILITY_TIMEOUT);
        copy(p, "MessageRetentionPeriod", attrs, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(p, "DelaySeconds", attrs, QueueAttributeName.DELAY_SECONDS);
        copy(p, "MaximumMessageSize", attrs, QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
        copy(p, "ReceiveMessageWaitTimeSeconds", attrs, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        if (fifo) {
            attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
            copy(p, "ContentBasedDeduplication", attrs, QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
        }
        Object redrive = p.get("RedrivePolicy");
        if (redrive != null) {
            attrs.put(QueueAttributeName.REDRIVE_POLICY, redrive instanceof String s ? s : json(redrive));
        }
        String url = clients.sqs().createQueue(c -> c.queueName(name).attributes(attrs)).queueUrl();
        String arn = clients.sqs().getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        // Ref on a queue is its URL, as in CloudFormation
        d.put(queue.logicalId(), new Deployment.Physical(SamTemplate.QUEUE, url,
                Map.of("Arn", arn, "QueueUrl", url, "QueueName", name)));
    }

    private static void copy(Map<String, Object> p, String key, Map<QueueAttributeName, String> out, QueueAttributeName name) {
        if (p.get(key) != null) {
            out.put(name, String.valueOf(p.get(key)));
        }
    }

    private static List<KeySchemaElement> keySchema(Object o) {
        return list(o).stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
                .keyType(str(k, "KeyType")).build()).toList();
    }

    private static Projection projection(Object o) {
        Map<String, Object> p = map(o);
        Projection.Builder b = Projection.builder().projectionType(String.valueOf(p.getOrDefault("ProjectionType", "ALL")));
        List<?> nonKey = p.get("NonKeyAttributes") instanceof List<?> l ? l : List.of();
        if (!nonKey.isEmpty()) {
            b.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return b.build();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Map<String, Object> m, String key) {
        return String.valueOf(m.get(key));
    }
}
