package dev.autocentric.shared.dynamo;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The one way to build a DynamoDB client: {@code UrlConnectionHttpClient}, an explicit region,
 * an explicit credentials provider, and an endpoint override when one is configured (the local
 * runtime and tests set {@code AWS_ENDPOINT_URL}). Build it once per container.
 */
public final class DynamoClients {

    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * Settings of a client.
     *
     * @param region          AWS region; blank means {@value #DEFAULT_REGION}
     * @param endpoint        endpoint override (emulator URL), or blank for the AWS endpoint
     * @param accessKeyId     explicit access key (tests against the emulator), or blank
     * @param secretAccessKey explicit secret key, or blank
     */
    public record Settings(String region, String endpoint, String accessKeyId, String secretAccessKey) {

        /** Settings read from the standard environment variables of Lambda and the local runtime. */
        public static Settings fromEnvironment() {
            return new Settings(System.getenv("AWS_REGION"), System.getenv("AWS_ENDPOINT_URL"), null, null);
        }
    }

    private DynamoClients() {
    }

    public static DynamoDbClient create(Settings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .region(Region.of(blank(settings.region()) ? DEFAULT_REGION : settings.region()))
                .credentialsProvider(credentials(settings));
        if (!blank(settings.endpoint())) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(Settings settings) {
        if (!blank(settings.accessKeyId()) && !blank(settings.secretAccessKey())) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        if (!blank(System.getenv("AWS_ACCESS_KEY_ID")) && !blank(System.getenv("AWS_SECRET_ACCESS_KEY"))) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
