package dev.autocentric.shared.problem;

/**
 * One bad field of a request.
 *
 * @param field   JSON pointer-like path of the field ({@code ePriceCents}, {@code photos[2]},
 *                {@code items[7].vin}); {@code null} when the problem is the body as a whole
 * @param code    stable machine-readable reason ({@code required}, {@code type}, {@code range},
 *                {@code unknown_field}, {@code enum}, {@code vin}, {@code length}, {@code format})
 * @param message human-readable explanation
 */
public record FieldError(String field, String code, String message) {

    /** The same error with its field placed under a prefix, e.g. {@code items[3]}. */
    public FieldError under(String prefix) {
        return new FieldError(field == null ? prefix : prefix + "." + field, code, message);
    }
}
