package dev.autocentric.shared.http;

import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of a function as RFC 9457 problem+json, including unknown routes and methods. The
 * one set of global handlers for every function that depends on this module: a function must not
 * declare another global handler for an exception type or status handled here.
 */
@Controller
public class ProblemResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    @Error(global = true, exception = ProblemException.class)
    HttpResponse<String> problem(HttpRequest<?> request, ProblemException e) {
        return HttpBodies.problem(e.problem());
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    HttpResponse<String> noRoute(HttpRequest<?> request) {
        return HttpBodies.problem(Problem.notFound("no route " + request.getPath()));
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    HttpResponse<String> noMethod(HttpRequest<?> request) {
        return HttpBodies.problem(Problem.methodNotAllowed(request.getMethodName() + " is not allowed on " + request.getPath()));
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    HttpResponse<String> mediaType(HttpRequest<?> request) {
        return HttpBodies.problem(Problem.unsupportedMediaType("send application/json"));
    }

    /**
     * A body or parameter Micronaut could not bind. Routes bind bodies and parameters as text, so
     * this is an absent body (400 malformed JSON) or, as a fallback, a parameter (400 validation).
     */
    @Error(global = true, exception = ConversionErrorException.class)
    HttpResponse<String> conversion(HttpRequest<?> request, ConversionErrorException e) {
        if ("body".equals(e.getArgument().getName())) {
            return HttpBodies.problem(Problem.malformedJson("a JSON body is required"));
        }
        return HttpBodies.problem(Problem.validation(List.of(new FieldError(e.getArgument().getName(), "type",
                "could not be read"))));
    }

    @Error(global = true, exception = HttpStatusException.class)
    HttpResponse<String> status(HttpRequest<?> request, HttpStatusException e) {
        int code = e.getStatus().getCode();
        return HttpBodies.problem(new Problem(Problem.TYPE_BASE + "http-" + code, e.getStatus().getReason(), code,
                e.getMessage(), null));
    }

    @Error(global = true, exception = Throwable.class)
    HttpResponse<String> internal(HttpRequest<?> request, Throwable e) {
        LOG.error("unhandled error on {} {}", request.getMethodName(), request.getPath(), e);
        return HttpBodies.problem(Problem.internal());
    }
}
