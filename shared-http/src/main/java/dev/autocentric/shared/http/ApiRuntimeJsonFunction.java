package dev.autocentric.shared.http;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Micronaut's API Gateway payload 2.0 function with {@link EarlyInit} started from its class
 * initialiser: {@link ApiFunction} less its stream handling, so the runtime interface client reads
 * the event and writes the answer with its own Jackson. Not named by template.yaml; the cold-start
 * bench runs it as a variant row to show what reading the event with the application's JSON saves.
 */
public class ApiRuntimeJsonFunction extends APIGatewayV2HTTPEventFunction {

    static {
        EarlyInit.start();
    }

    public ApiRuntimeJsonFunction() {
        super();
    }
}
