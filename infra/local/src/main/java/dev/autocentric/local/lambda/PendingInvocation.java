package dev.autocentric.local.lambda;

import dev.autocentric.local.lambda.InvocationResult.Outcome;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One event on its way through the runtime API: queued, handed to the function, answered. */
final class PendingInvocation {

    private final String requestId;
    private final byte[] payload;
    private final long createdNanos = System.nanoTime();
    private final CompletableFuture<Long> handedOut = new CompletableFuture<>();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

    PendingInvocation(String requestId, byte[] payload) {
        this.requestId = requestId;
        this.payload = payload;
    }

    String requestId() {
        return requestId;
    }

    byte[] payload() {
        return payload;
    }

    /** completes with the deadline (epoch ms) when the function takes the event */
    CompletableFuture<Long> handedOut() {
        return handedOut;
    }

    CompletableFuture<InvocationResult> result() {
        return result;
    }

    void handedOut(long deadlineMs) {
        handedOut.complete(deadlineMs);
    }

    void succeed(byte[] response) {
        result.complete(new InvocationResult(Outcome.SUCCESS, response, requestId, elapsed()));
    }

    void fail(Outcome outcome, byte[] errorJson) {
        result.complete(new InvocationResult(outcome, errorJson, requestId, elapsed()));
        handedOut.complete(0L);
    }

    void fail(Outcome outcome, String errorType, String message) {
        result.complete(InvocationResult.failure(outcome, requestId, errorType, message, elapsed()));
        handedOut.complete(0L);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
    }
}
