package dev.autocentric.local.lambda;

import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime API as the runtime interface client sees it, driven by a plain HTTP client. */
class RuntimeApiServerTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Fn";

    private final RuntimeApiServer server = new RuntimeApiServer(ARN, Duration.ofSeconds(15));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + server.address() + "/2018-06-01/runtime/" + path);
    }

    private HttpResponse<String> next() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("invocation/next")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handsOutTheEventWithEveryHeaderLambdaSends() throws Exception {
        var invocation = new PendingInvocation("req-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        server.enqueue(invocation);
        long before = System.currentTimeMillis();
        HttpResponse<String> next = next();
        assertEquals(200, next.statusCode());
        assertEquals("{\"a\":1}", next.body());
        assertEquals("req-1", next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals(ARN, next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline >= before + 15_000 && deadline <= System.currentTimeMillis() + 15_000);
        assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow()
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
        assertEquals("application/json", next.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(deadline, invocation.handedOut().get());

        assertEquals(202, post("invocation/req-1/response", "{\"ok\":true}").statusCode());
        InvocationResult result = invocation.result().get();
        assertEquals(Outcome.SUCCESS, result.outcome());
        assertEquals("{\"ok\":true}", result.payloadText());
    }

    @Test
    void anErrorPostIsAFunctionError() throws Exception {
        var invocation = new PendingInvocation("req-2", "{}".getBytes(StandardCharsets.UTF_8));
        server.enqueue(invocation);
        next();
        assertEquals(202, post("invocation/req-2/error", "{\"errorMessage\":\"boom\",\"errorType\":\"X\"}").statusCode());
        assertEquals(Outcome.FUNCTION_ERROR, invocation.result().get().outcome());
        assertEquals("boom", invocation.result().get().payloadJson().get("errorMessage").asText());
    }

    @Test
    void anInitErrorFailsWhatIsWaiting() throws Exception {
        var invocation = new PendingInvocation("req-3", "{}".getBytes(StandardCharsets.UTF_8));
        server.enqueue(invocation);
        assertEquals(202, post("init/error", "{\"errorMessage\":\"no class\",\"errorType\":\"Runtime.ImportModuleError\"}").statusCode());
        assertEquals(Outcome.INIT_ERROR, invocation.result().get().outcome());
        assertEquals(0L, invocation.handedOut().get());
    }

    @Test
    void anAnswerForAnUnknownRequestIsRejected() throws Exception {
        assertEquals(400, post("invocation/nope/response", "{}").statusCode());
    }
}
