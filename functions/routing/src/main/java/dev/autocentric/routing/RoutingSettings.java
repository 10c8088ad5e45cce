package dev.autocentric.routing;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The function's configuration. Each value is a Micronaut property, which Micronaut also reads
 * from the environment variable of the upper-case, underscore name (DEALERS_TABLE, AWS_REGION,
 * AWS_ENDPOINT_URL, DELIVERY_POINTS_REFRESH_SECONDS), so tests can set them as plain properties.
 *
 * <p>{@code delivery.points.refresh.seconds}: how old the in-memory delivery-point index may get
 * before the next request reloads it (default 300).
 *
 * <p>{@code autocentric.aws.access-key-id} / {@code secret-access-key} exist for tests against
 * the emulator only; on Lambda they are unset and the environment's credentials are used.
 */
@Singleton
public record RoutingSettings(
        @Value("${dealers.table}") String dealersTable,
        @Value("${delivery.points.refresh.seconds:300}") long deliveryPointsRefreshSeconds,
        @Nullable @Value("${aws.region:}") String awsRegion,
        @Nullable @Value("${aws.endpoint.url:}") String awsEndpointUrl,
        @Nullable @Value("${autocentric.aws.access-key-id:}") String accessKeyId,
        @Nullable @Value("${autocentric.aws.secret-access-key:}") String secretAccessKey) {
}
