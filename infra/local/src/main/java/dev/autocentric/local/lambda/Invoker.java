package dev.autocentric.local.lambda;

/** Synchronous invocation of one function, as an event source performs it. */
@FunctionalInterface
public interface Invoker {

    InvocationResult invoke(byte[] event);
}
