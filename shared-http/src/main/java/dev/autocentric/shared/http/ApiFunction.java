package dev.autocentric.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler of every HTTP function (template.yaml names it): Micronaut's API Gateway
 * payload 2.0 function, whose class initialiser (in {@link ApiRuntimeJsonFunction}) first starts
 * {@link EarlyInit}, so the DynamoDB client is built while Micronaut starts its application
 * context rather than after it.
 *
 * <p>It is also a {@link RequestStreamHandler}, which the runtime interface client prefers when
 * the handler names a class: the function reads the API Gateway event and writes its answer with
 * {@link ApiEvents} (the application's own Jackson, warmed on the early thread) instead of the
 * runtime's bundled Jackson, a second JSON library that would otherwise be loaded and set up on
 * the main thread after init, on the first request's path.
 */
public class ApiFunction extends ApiRuntimeJsonFunction implements RequestStreamHandler {

    /** Lambda's constructor: Micronaut builds the application context (after the superclass started {@link EarlyInit}). */
    public ApiFunction() {
        super();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event = ApiEvents.readEvent(input);
        APIGatewayV2HTTPResponse response = handleRequest(event, context);
        ApiEvents.writeResponse(response, output);
    }
}
