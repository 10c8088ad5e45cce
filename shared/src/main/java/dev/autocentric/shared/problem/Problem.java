package dev.autocentric.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, answered as {@code application/problem+json}.
 *
 * <p>{@code type} is a stable URI under {@value #TYPE_BASE}; clients switch on it (or on
 * {@code status}), never on {@code title} or {@code detail}. {@code errors} names every bad field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String TYPE_BASE = "https://autocentric.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(TYPE_BASE + "validation", "Request is not valid", 400,
                errors.size() + " field(s) are not valid", errors);
    }

    public static Problem malformedJson(String detail) {
        return new Problem(TYPE_BASE + "malformed-json", "Body is not valid JSON", 400, detail,
                List.of(new FieldError(null, "json", detail)));
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return new Problem(TYPE_BASE + "payload-too-large", "Body is too large", 413,
                "the body must be at most " + limitBytes + " bytes", List.of());
    }

    public static Problem unauthorized(String detail) {
        return new Problem(TYPE_BASE + "unauthorized", "Authentication required", 401, detail, List.of());
    }

    public static Problem forbidden(String detail) {
        return new Problem(TYPE_BASE + "forbidden", "Not allowed", 403, detail, List.of());
    }

    public static Problem notFound(String detail) {
        return new Problem(TYPE_BASE + "not-found", "Not found", 404, detail, List.of());
    }

    public static Problem methodNotAllowed(String detail) {
        return new Problem(TYPE_BASE + "method-not-allowed", "Method not allowed", 405, detail, List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(TYPE_BASE + "conflict", "Conflict", 409, detail, List.of());
    }

    public static Problem preconditionFailed(String detail) {
        return new Problem(TYPE_BASE + "precondition-failed", "Precondition failed", 412, detail, List.of());
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(TYPE_BASE + "unsupported-media-type", "Unsupported media type", 415, detail, List.of());
    }

    public static Problem unavailable(String detail) {
        return new Problem(TYPE_BASE + "unavailable", "Service temporarily unavailable", 503, detail, List.of());
    }

    public static Problem internal() {
        return new Problem(TYPE_BASE + "internal", "Internal error", 500,
                "the request could not be completed", List.of());
    }

    public ProblemException toException() {
        return new ProblemException(this);
    }
}
