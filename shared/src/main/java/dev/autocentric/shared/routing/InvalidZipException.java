package dev.autocentric.shared.routing;

import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import java.util.List;

/**
 * A ZIP that is not five digits, or is five digits but not a ZIP of the data set. It is a 400
 * problem naming the field {@code zip} (code {@code format} or {@code unknown}), so an HTTP edge
 * that maps {@link ProblemException} answers it as it is.
 */
public final class InvalidZipException extends ProblemException {

    /** Why the ZIP was refused. */
    public enum Reason { MALFORMED, UNKNOWN }

    private final Reason reason;

    public InvalidZipException(String zip, Reason reason) {
        super(Problem.validation(List.of(reason == Reason.MALFORMED
                ? new FieldError("zip", "format", "zip must be five digits")
                : new FieldError("zip", "unknown", "zip " + zip + " is not a known US ZIP code"))));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
