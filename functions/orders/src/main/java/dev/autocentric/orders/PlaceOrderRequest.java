package dev.autocentric.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.vin.Vin;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/orders}, validated and normalised: {@code vin}, {@code quoteId}
 * and the buyer's {@code name}, {@code email}, {@code phone} and {@code zip}. Every bad or
 * missing field is named in one 400 problem; an unknown field is refused too, so a typo never
 * passes silently. The phone is kept in E.164 ({@code +15555550123}); a ten-digit number is read
 * as North American.
 */
public record PlaceOrderRequest(String vin, String quoteId, Order.Buyer buyer) {

    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_QUOTE_ID = 4096;
    private static final Set<String> FIELDS = Set.of("vin", "quoteId", "buyer");
    private static final Set<String> BUYER_FIELDS = Set.of("name", "email", "phone", "zip");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9 ().-]{7,25}");

    public static PlaceOrderRequest parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw Problem.validation(List.of(new FieldError(null, "type", "the body must be a JSON object")))
                    .toException();
        }
        unknown(body, FIELDS, "", errors);
        String vin = text(body, "vin", "vin", errors);
        if (vin != null) {
            vin = vin.toUpperCase(Locale.ROOT);
            String problem = Vin.problem(vin).orElse(null);
            if (problem != null) {
                errors.add(new FieldError("vin", "invalid", problem));
                vin = null;
            }
        }
        String quoteId = text(body, "quoteId", "quoteId", errors);
        if (quoteId != null && quoteId.length() > MAX_QUOTE_ID) {
            errors.add(new FieldError("quoteId", "too_long", "quoteId is not a quote id of this service"));
        }
        JsonNode b = body.get("buyer");
        Order.Buyer buyer = null;
        if (b == null || b.isNull()) {
            errors.add(new FieldError("buyer", "required", "buyer is required"));
        } else if (!b.isObject()) {
            errors.add(new FieldError("buyer", "type", "buyer must be an object"));
        } else {
            unknown(b, BUYER_FIELDS, "buyer.", errors);
            String name = text(b, "name", "buyer.name", errors);
            if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
                errors.add(new FieldError("buyer.name", "invalid",
                        "name must be at most " + MAX_NAME + " characters, without control characters"));
            }
            String email = text(b, "email", "buyer.email", errors);
            if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
                errors.add(new FieldError("buyer.email", "format", "email must be an address such as ann@example.com"));
            }
            String phone = text(b, "phone", "buyer.phone", errors);
            String e164 = phone == null ? null : e164(phone);
            if (phone != null && e164 == null) {
                errors.add(new FieldError("buyer.phone", "format",
                        "phone must be a number of 10 to 15 digits, such as +1 313 555 0123"));
            }
            String zip = text(b, "zip", "buyer.zip", errors);
            if (zip != null && !ZipCentroids.isWellFormed(zip)) {
                errors.add(new FieldError("buyer.zip", "format", "zip must be five digits"));
            } else if (zip != null && ZipCentroids.get().find(zip).isEmpty()) {
                errors.add(new FieldError("buyer.zip", "unknown", "zip " + zip + " is not a known US ZIP code"));
            }
            buyer = new Order.Buyer(name, email, e164, zip);
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        return new PlaceOrderRequest(vin, quoteId, buyer);
    }

    /** The phone in E.164, or null when it is not a plausible number. */
    static String e164(String phone) {
        if (!PHONE_CHARS.matcher(phone).matches()) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (phone.startsWith("+")) {
            return digits.length() >= 10 && digits.length() <= 15 && digits.charAt(0) != '0' ? "+" + digits : null;
        }
        if (digits.length() == 10 && digits.charAt(0) >= '2') {
            return "+1" + digits;
        }
        if (digits.length() == 11 && digits.charAt(0) == '1' && digits.charAt(1) >= '2') {
            return "+" + digits;
        }
        return null;
    }

    private static String text(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, "required", path + " is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(path, "type", path + " must be a string"));
            return null;
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            errors.add(new FieldError(path, "required", path + " must not be blank"));
            return null;
        }
        return value;
    }

    private static void unknown(JsonNode object, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + name, "unknown", "unknown field " + prefix + name));
            }
        }
    }
}
