package dev.autocentric.shared.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parsing of request bodies and headers, and the JSON / problem+json responses of the edge. Each
 * function names its own body size limits.
 */
public final class HttpBodies {

    public static final MediaType PROBLEM_JSON = MediaType.of(Problem.MEDIA_TYPE);
    /** The If-Match value {@code *}: any current version, but the vehicle must exist. */
    public static final long ANY_VERSION = -1;

    private HttpBodies() {
    }

    /** The body as a JSON tree: 413 when larger than {@code maxBytes}, 400 when absent or not JSON. */
    public static JsonNode json(String body, int maxBytes) {
        if (body == null || body.isBlank()) {
            throw Problem.malformedJson("a JSON body is required").toException();
        }
        // a char is at most 3 UTF-8 bytes, so only long bodies need encoding to measure them
        if (body.length() > maxBytes / 3 && body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw Problem.payloadTooLarge(maxBytes).toException();
        }
        try {
            return Json.tree(body);
        } catch (JsonProcessingException e) {
            throw Problem.malformedJson("the body is not valid JSON: " + e.getOriginalMessage()).toException();
        }
    }

    /**
     * The version named by If-Match ({@code "7"}, {@code W/"7"} or {@code 7}); null when the
     * header is absent; {@link #ANY_VERSION} for {@code *} (the vehicle must exist).
     * Any other value matches no version: 412.
     */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        if (v.equals("*")) {
            return ANY_VERSION;
        }
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!v.matches("[0-9]{1,18}")) {
            throw new Problem(Problem.TYPE_BASE + "precondition-failed", "Precondition failed", 412,
                    "If-Match must be an ETag this API issued, such as \"3\"",
                    List.of(new FieldError("If-Match", "format", "not an ETag of this API"))).toException();
        }
        return Long.parseLong(v);
    }

    /** The strong ETag of a version, as {@link #ifMatch} reads it back. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static MutableHttpResponse<String> json(HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
    }

    /** The problem as problem+json with its status; a 401 also says {@code WWW-Authenticate: Bearer}. */
    public static MutableHttpResponse<String> problem(Problem problem) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(problem.status()))
                .contentType(PROBLEM_JSON).body(Json.write(problem));
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
