package dev.autocentric.search;

import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** The JSON and problem+json responses of the edge. */
final class HttpBodies {

    static final MediaType PROBLEM_JSON = MediaType.of(Problem.MEDIA_TYPE);

    private HttpBodies() {
    }

    static MutableHttpResponse<String> json(HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
    }

    static MutableHttpResponse<String> problem(Problem problem) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(problem.status()))
                .contentType(PROBLEM_JSON).body(Json.write(problem));
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
