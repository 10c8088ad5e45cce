package dev.autocentric.local.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at the emulator (moto, LocalStack, or whatever AWS_ENDPOINT_URL names). */
public final class EmulatorClients implements AutoCloseable {
    /** The emulator accepts any key; these are what function JVMs get too. */
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private final URI endpoint;
    private final String region;
    private final SdkHttpClient http;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final EventBridgeClient events;

    public EmulatorClients(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
        this.http = UrlConnectionHttpClient.builder().build();
        AwsCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region r = Region.of(region);
        this.dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(r).credentialsProvider(creds)
                .httpClient(http).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(r).credentialsProvider(creds)
                .httpClient(http).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(r).credentialsProvider(creds)
                .httpClient(http).build();
        this.events = EventBridgeClient.builder().endpointOverride(endpoint).region(r).credentialsProvider(creds)
                .httpClient(http).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public EventBridgeClient events() {
        return events;
    }

    @Override
    public void close() {
        dynamo.close();
        streams.close();
        sqs.close();
        events.close();
        http.close();
    }
}
