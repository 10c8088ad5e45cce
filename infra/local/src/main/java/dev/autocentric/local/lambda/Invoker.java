package dev.autocentric.local.lambda;

import java.time.Duration;

/** Synchronous invocation of one function, as an event source performs it. */
@FunctionalInterface
public interface Invoker {

    /** Invokes, waiting as long as it takes for a free instance. */
    InvocationResult invoke(byte[] event);

    /** Invokes, or answers THROTTLED when no instance is free within {@code maxWait}. */
    default InvocationResult invoke(byte[] event, Duration maxWait) {
        return invoke(event);
    }
}
