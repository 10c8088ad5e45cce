package dev.autocentric.local.testkit;

import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.EmulatorClients;
import dev.autocentric.local.emulator.Moto;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.emulator.Provisioner;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For tests: one emulator per test JVM, started on first use on a free loopback port and stopped
 * when the JVM exits, with the project's template.yaml provisioned into it under a prefix of the
 * caller's choosing, so that test classes never share tables.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";

    private static LocalAws shared;

    private final Moto moto;
    private final EmulatorClients clients;

    private LocalAws(Moto moto) {
        this.moto = moto;
        this.clients = new EmulatorClients(moto.endpoint(), REGION);
    }

    /** The JVM-wide emulator, started on first call. */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            LocalAws started = new LocalAws(Moto.start());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.clients.close();
                started.moto.close();
            }, "local-aws-stop"));
            shared = started;
        }
        return shared;
    }

    public URI endpoint() {
        return moto.endpoint();
    }

    public String region() {
        return REGION;
    }

    public DynamoDbClient dynamo() {
        return clients.dynamo();
    }

    public EmulatorClients clients() {
        return clients;
    }

    /** The project's template.yaml. */
    public static Path templateFile() {
        return ProjectRoot.find().resolve("template.yaml");
    }

    /** Provisions every table, queue and bus of template.yaml, each named {@code prefix + LogicalId}. */
    public Deployment deploy(String prefix) {
        return new Provisioner(clients).provision(SamTemplate.load(templateFile(), Map.of()), prefix);
    }

    /**
     * Creates every {@code AWS::DynamoDB::Table} of template.yaml named {@code prefix + LogicalId}
     * and answers logical id to table name.
     */
    public Map<String, String> createTables(String prefix) {
        return deploy(prefix).tableNames();
    }
}
