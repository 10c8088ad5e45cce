package dev.autocentric.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.testkit.LocalAws;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ProvisionerTest {
    private final LocalAws aws = LocalAws.shared();

    @Test
    void createsTablesQueuesAndBusesAsTheTemplateDeclaresThem() throws Exception {
        Path file = Path.of(getClass().getResource("/intrinsics-template.yaml").toURI());
        Deployment d = new Provisioner(aws.clients()).provision(SamTemplate.load(file, Map.of("Secret", "x")), "prov1");

        TableDescription things = aws.dynamo().describeTable(r -> r.tableName("prov1Things")).table();
        assertEquals("byOwner", things.globalSecondaryIndexes().get(0).indexName());
        assertEquals("NEW_AND_OLD_IMAGES", things.streamSpecification().streamViewTypeAsString());
        assertEquals(things.latestStreamArn(), d.streamArn("Things"));
        assertEquals(TimeToLiveStatus.ENABLED, aws.dynamo().describeTimeToLive(r -> r.tableName("prov1Things"))
                .timeToLiveDescription().timeToLiveStatus());

        Map<QueueAttributeName, String> work = aws.clients().sqs().getQueueAttributes(r -> r.queueUrl(d.queueUrl("Work"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("2", work.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(work.get(QueueAttributeName.REDRIVE_POLICY).contains(d.arn("Dead")), "dead-letter queue wired by ARN");
        assertEquals(d.queueUrl("Work"), d.queueUrlForArn(d.arn("Work")));

        assertNotNull(aws.clients().events().describeEventBus(r -> r.name("dev-bus")).arn());
        assertEquals("Things", d.tableForStreamArn(d.streamArn("Things")));
    }

    @Test
    void createsTheProjectTablesUnderAPrefix() {
        Map<String, String> tables = aws.createTables("prov2");
        assertEquals("prov2ListingsTable", tables.get("ListingsTable"));
        TableDescription listings = aws.dynamo().describeTable(r -> r.tableName("prov2ListingsTable")).table();
        assertEquals("byDealer", listings.globalSecondaryIndexes().get(0).indexName());
        assertNotNull(listings.latestStreamArn());
        assertTrue(tables.containsKey("DealersTable") && tables.containsKey("IdempotencyTable"));
    }
}
