package dev.autocentric.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

class HttpBodiesTest {

    @Test
    void problemIsProblemJsonWithItsStatusAndABearerChallengeOnlyOn401() {
        MutableHttpResponse<String> unauthorized = HttpBodies.problem(Problem.unauthorized("send a token"));
        assertEquals(401, unauthorized.code());
        assertEquals(Problem.MEDIA_TYPE, unauthorized.getContentType().orElseThrow().toString());
        assertEquals("Bearer", unauthorized.getHeaders().get("WWW-Authenticate"));
        assertEquals("{\"type\":\"https://autocentric.dev/problems/unauthorized\",\"title\":\"Authentication required\","
                + "\"status\":401,\"detail\":\"send a token\"}", unauthorized.body());

        MutableHttpResponse<String> notFound = HttpBodies.problem(Problem.notFound("no route /x"));
        assertEquals(404, notFound.code());
        assertFalse(notFound.getHeaders().contains("WWW-Authenticate"));
    }

    @Test
    void jsonResponseIsApplicationJson() {
        MutableHttpResponse<String> ok = HttpBodies.json(HttpStatus.CREATED, java.util.Map.of("a", 1));
        assertEquals(201, ok.code());
        assertEquals("application/json", ok.getContentType().orElseThrow().toString());
        assertEquals("{\"a\":1}", ok.body());
    }

    @Test
    void bodyIsRequiredWellFormedAndWithinItsLimit() {
        assertEquals(1, HttpBodies.json("{\"a\":1}", 64).path("a").asInt());
        assertEquals(400, status(() -> HttpBodies.json(null, 64)));
        assertEquals(400, status(() -> HttpBodies.json("  ", 64)));
        assertEquals(400, status(() -> HttpBodies.json("{", 64)));
        assertEquals(413, status(() -> HttpBodies.json("{\"a\":\"" + "é".repeat(40) + "\"}", 64)));
    }

    @Test
    void ifMatchReadsTheETagsThisApiIssues() {
        assertNull(HttpBodies.ifMatch(null));
        assertNull(HttpBodies.ifMatch(" "));
        assertEquals(HttpBodies.ANY_VERSION, HttpBodies.ifMatch("*"));
        assertEquals(7L, HttpBodies.ifMatch(HttpBodies.etag(7)));
        assertEquals(7L, HttpBodies.ifMatch("W/\"7\""));
        assertEquals(7L, HttpBodies.ifMatch("7"));
        assertEquals(412, status(() -> HttpBodies.ifMatch("\"abc\"")));
    }

    @Test
    void functionLogsUnderItsApplicationNameWithoutTheSuffix() {
        assertEquals("search", AccessLog.functionName("search-function"));
        assertEquals("listing", AccessLog.functionName("listing-function"));
        assertEquals("worker", AccessLog.functionName("worker"));
    }

    private static int status(Runnable call) {
        return assertThrows(ProblemException.class, call::run).problem().status();
    }
}
