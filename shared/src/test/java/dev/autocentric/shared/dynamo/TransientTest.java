package dev.autocentric.shared.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class TransientTest {

    @Test
    void classifiesFailures() {
        assertTrue(Transient.isTransient(ProvisionedThroughputExceededException.builder().statusCode(400).build()));
        assertTrue(Transient.isTransient(InternalServerErrorException.builder().statusCode(500).build()));
        assertTrue(Transient.isTransient(SdkClientException.create("connection reset")));
        assertFalse(Transient.isTransient(ConditionalCheckFailedException.builder().statusCode(400).build()));
        assertFalse(Transient.isTransient(new IllegalStateException()));
    }

    @Test
    void retriesTransientFailuresThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = Transient.retry(5, () -> {
            if (calls.incrementAndGet() < 3) {
                throw ProvisionedThroughputExceededException.builder().statusCode(400).build();
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
    }

    @Test
    void givesUpAfterTheLastAttemptAndNeverRetriesOtherFailures() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ProvisionedThroughputExceededException.class, () -> Transient.retry(3, () -> {
            calls.incrementAndGet();
            throw ProvisionedThroughputExceededException.builder().statusCode(400).build();
        }));
        assertEquals(3, calls.get());
        AtomicInteger once = new AtomicInteger();
        assertThrows(ConditionalCheckFailedException.class, () -> Transient.retry(3, () -> {
            once.incrementAndGet();
            throw ConditionalCheckFailedException.builder().statusCode(400).build();
        }));
        assertEquals(1, once.get());
    }

    @Test
    void backOffGrowsAndIsCapped() {
        assertTrue(Transient.backoff(1).toMillis() <= 50);
        assertTrue(Transient.backoff(20).toMillis() <= 1_000);
        assertTrue(Transient.backoff(20).toMillis() >= 500);
    }
}
