package dev.autocentric.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What one invocation came to, as an event source sees it.
 *
 * @param payload the function's response on success, else the error JSON (Lambda's
 *                {@code errorMessage}/{@code errorType} shape); never null
 */
public record InvocationResult(Outcome outcome, byte[] payload, String requestId, Duration duration) {

    public enum Outcome {
        SUCCESS,
        /** the handler threw; the instance stays warm, as on Lambda */
        FUNCTION_ERROR,
        /** the handler ran past the function's Timeout; the instance was killed */
        TIMEOUT,
        /** the handler class could not be initialised (init/error), or init ran too long */
        INIT_ERROR,
        /** the function's JVM exited while it held the event */
        CRASHED,
        /** no instance became free in the time the caller would wait */
        THROTTLED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The response as JSON, or null when it is not JSON. */
    public JsonNode payloadJson() {
        try {
            return payload.length == 0 ? null : Json.parse(payload);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    static InvocationResult failure(Outcome outcome, String requestId, String errorType, String message, Duration duration) {
        var error = Json.object().put("errorMessage", message).put("errorType", errorType);
        return new InvocationResult(outcome, Json.bytes(error), requestId, duration);
    }

    @Override
    public String toString() {
        return outcome + " " + requestId + " in " + duration.toMillis() + " ms: "
                + (payload.length > 300 ? payloadText().substring(0, 300) + "…" : payloadText());
    }
}
