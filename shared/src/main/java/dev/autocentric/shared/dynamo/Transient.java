package dev.autocentric.shared.dynamo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Retries a DynamoDB call on throttling and transient failures (5xx, network), with
 * exponential back-off and full jitter; any other exception passes straight through.
 */
public final class Transient {

    public static final int DEFAULT_ATTEMPTS = 5;
    private static final long BASE_MILLIS = 25;
    private static final long CAP_MILLIS = 1_000;

    private Transient() {
    }

    public static boolean isTransient(Throwable t) {
        if (t instanceof ProvisionedThroughputExceededException || t instanceof RequestLimitExceededException) {
            return true;
        }
        if (t instanceof AwsServiceException ase) {
            return ase.isThrottlingException() || ase.statusCode() >= 500;
        }
        return t instanceof SdkClientException;
    }

    public static <T> T retry(int attempts, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                sleep(backoff(attempt));
            }
        }
    }

    /** Full-jitter back-off for the given (1-based) attempt. */
    public static Duration backoff(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
