package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds an end-to-end test class to the OpenAPI document: every exchange its {@link Api} makes
 * under /v1 is recorded, and after the class every answer must match the document's response for
 * its route and status (documented status, content type, body schema, required headers), and every
 * request body the API accepted (2xx) the documented request schema. A class opts in with
 * {@code @ExtendWith(ResponsesMatchOpenApi.class)}; the classes run one after another.
 */
public final class ResponsesMatchOpenApi implements BeforeAllCallback, AfterAllCallback {

    /** One request and its answer, with the documented path it hit. */
    record Exchange(String method, String rawPath, String path, String requestBody, int status, HttpHeaders headers,
                    String body) {
        String operation() {
            return method + " " + (path == null ? rawPath + " (no documented path)" : path);
        }
    }

    private static volatile ConcurrentLinkedQueue<Exchange> recording;

    /** Called by {@link Api} for every reply; kept only while a class that opted in runs. */
    static void record(String method, String pathAndQuery, String requestBody, int status, HttpHeaders headers, String body) {
        ConcurrentLinkedQueue<Exchange> into = recording;
        String rawPath = pathAndQuery.split("\\?", 2)[0];
        String verb = method.toUpperCase(Locale.ROOT);
        // a browser's preflight is answered by API Gateway, not by an operation of the document
        if (into == null || !rawPath.startsWith("/v1/") || verb.equals("OPTIONS")) {
            return;
        }
        into.add(new Exchange(verb, rawPath, OpenApiDocument.get().pathOf(verb, rawPath).orElse(null), requestBody,
                status, headers, body));
    }

    /** Records exchanges made by other clients (the browser journey) too. */
    static void record(Exchange exchange) {
        ConcurrentLinkedQueue<Exchange> into = recording;
        if (into != null) {
            into.add(exchange);
        }
    }

    /** "METHOD /path STATUS" of every exchange recorded so far by the running class. */
    static Set<String> recordedSoFar() {
        Set<String> out = new TreeSet<>();
        ConcurrentLinkedQueue<Exchange> now = recording;
        if (now != null) {
            now.forEach(e -> out.add(e.operation() + " " + e.status()));
        }
        return out;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        recording = new ConcurrentLinkedQueue<>();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Exchange> seen = new ArrayList<>(recording);
        recording = null;
        assertTrue(!seen.isEmpty(), context.getDisplayName() + " made no API call to check");
        List<String> problems = problems(seen);
        assertTrue(problems.isEmpty(), () -> context.getDisplayName() + ": answers that do not match openapi.yaml:\n"
                + String.join("\n", problems));
    }

    /** Every mismatch, one line each, grouped by operation. */
    static List<String> problems(List<Exchange> exchanges) {
        OpenApiDocument doc = OpenApiDocument.get();
        Map<String, Set<String>> byOperation = new TreeMap<>();
        for (Exchange e : exchanges) {
            List<String> found = new ArrayList<>();
            if (e.path() == null) {
                found.add("no such path in the document");
            } else {
                found.addAll(doc.checkResponse(e.method(), e.path(), e.status(), e.headers(), e.body()));
                if (e.status() / 100 == 2) {
                    found.addAll(doc.checkRequest(e.method(), e.path(), e.requestBody()));
                }
            }
            for (String p : found) {
                byOperation.computeIfAbsent(e.operation() + " " + e.status(), k -> new TreeSet<>())
                        .add(p + "  [" + OpenApiDocument.abbreviate(e.body()) + "]");
            }
        }
        List<String> lines = new ArrayList<>();
        byOperation.forEach((op, ps) -> ps.forEach(p -> lines.add(op + ": " + p)));
        return lines;
    }
}
