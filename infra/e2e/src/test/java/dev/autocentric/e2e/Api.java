package dev.autocentric.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A web client of the local runtime's HTTP API, as a dealer system or browser would call it. Every
 * exchange is offered to {@link ResponsesMatchOpenApi}, which checks it against openapi.yaml when
 * the test class opted in.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, HttpResponseHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    record HttpResponseHeaders(java.net.http.HttpHeaders raw) {
        String first(String name) {
            return raw.firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI base) {
        this.base = base;
    }

    Reply send(String method, String path, String bearer, Object body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
            if (bearer != null) {
                b.header("authorization", "Bearer " + bearer);
            }
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            String sent = null;
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                sent = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(sent));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            ResponsesMatchOpenApi.record(method, path, sent, r.statusCode(), r.headers(), r.body());
            return new Reply(r.statusCode(), new HttpResponseHeaders(r.headers()), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
