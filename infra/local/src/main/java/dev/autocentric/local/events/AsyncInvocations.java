package dev.autocentric.local.events;

import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.Invoker;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda's asynchronous invocation (what EventBridge and schedules use): the caller does not wait,
 * and a failed event is retried twice before it is dropped. Lambda waits about 1 and 2 minutes
 * between tries; here the waits are {@code retryDelay} and twice that.
 */
public final class AsyncInvocations implements AutoCloseable {

    private static final int RETRIES = 2;

    private final Duration retryDelay;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public AsyncInvocations(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public void submit(String description, Invoker function, byte[] event) {
        threads.submit(() -> {
            for (int attempt = 0; attempt <= RETRIES; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(retryDelay.multipliedBy(attempt));
                }
                InvocationResult result = function.invoke(event);
                if (result.succeeded()) {
                    succeeded.incrementAndGet();
                    return null;
                }
                System.err.println("[" + description + "] attempt " + (attempt + 1) + " failed: " + result);
            }
            dropped.incrementAndGet();
            return null;
        });
    }

    public long succeeded() {
        return succeeded.get();
    }

    /** Events that failed every try. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
