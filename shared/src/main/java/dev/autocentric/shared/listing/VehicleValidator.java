package dev.autocentric.shared.listing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.vin.Vin;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a dealer's vehicle body (a Jackson tree) and names every bad field at once.
 *
 * <p>Rules (codes in brackets are the {@code errors[].code} answered):
 * <ul>
 *   <li>the body is a JSON object [{@code type}]; fields not listed here are rejected
 *       [{@code unknown_field}]; {@code null} counts as missing.</li>
 *   <li>{@code vin}: string, a valid VIN ({@link Vin}) [{@code vin}]; required unless the path names
 *       the VIN, and then it must equal the path's VIN [{@code mismatch}].</li>
 *   <li>{@code condition}: NEW, USED or CPO; {@code bodyStyle}: {@link BodyStyle}; {@code fuel}:
 *       {@link Fuel}; {@code drivetrain}: {@link Drivetrain}; {@code transmission}:
 *       {@link Transmission} — all required, upper-case names [{@code enum}].</li>
 *   <li>{@code year}: integer, 1981 (first year of 17-character VINs) to current year + 2 [{@code range}].</li>
 *   <li>{@code make}, {@code model}: required non-blank strings of at most 40 characters;
 *       {@code trim}, {@code exteriorColor}, {@code interiorColor}: optional, at most 40 (trim 60);
 *       {@code stockNumber}: optional, at most 40 [{@code length}].</li>
 *   <li>{@code mileage}: required integer 0..999,999; NEW vehicles at most 1,000 [{@code range}].</li>
 *   <li>{@code msrpCents}, {@code ePriceCents}: required JSON integers (a float or a string is a
 *       [{@code type}] error), each 1..1,000,000,000 cents ($10M) [{@code range}]; the e-price must
 *       lie within 10%..150% of the MSRP, a sanity band that catches unit mistakes (dollars
 *       for cents, a missing digit) [{@code price_band}].</li>
 *   <li>{@code listed}: optional boolean, default {@code true}.</li>
 *   <li>{@code photos}: optional array of at most 30 absolute {@code https} URLs with a host, each at
 *       most 500 characters [{@code format}]; {@code options}: optional array of at most 50
 *       non-blank strings of at most 80 characters.</li>
 * </ul>
 * Strings are trimmed; the VIN is upper-cased.
 */
public final class VehicleValidator {

    public static final int FIRST_YEAR = 1981;
    public static final int MAX_MILEAGE = 999_999;
    public static final int MAX_NEW_MILEAGE = 1_000;
    public static final long MAX_PRICE_CENTS = 1_000_000_000L;
    public static final int MIN_EPRICE_PERCENT_OF_MSRP = 10;
    public static final int MAX_EPRICE_PERCENT_OF_MSRP = 150;
    public static final int MAX_PHOTOS = 30;
    public static final int MAX_OPTIONS = 50;

    private static final Set<String> FIELDS = Set.of("vin", "stockNumber", "condition", "year", "make",
            "model", "trim", "bodyStyle", "fuel", "drivetrain", "transmission", "exteriorColor",
            "interiorColor", "mileage", "msrpCents", "ePriceCents", "listed", "photos", "options");

    private final Clock clock;

    public VehicleValidator(Clock clock) {
        this.clock = clock;
    }

    /** Either a vehicle or the list of everything wrong with the body. */
    public record Result(Vehicle vehicle, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param body    the parsed body
     * @param pathVin the VIN named by the URL, or {@code null} when the body alone names it
     */
    public Result validate(JsonNode body, String pathVin) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError(null, "type", "the vehicle must be a JSON object"));
            return new Result(null, errors);
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown_field", "unknown field"));
            }
        }
        String vin = vin(body, pathVin, errors);
        String stockNumber = string(body, "stockNumber", false, 40, errors);
        Condition condition = enumeration(body, "condition", Condition.class, errors);
        int currentYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
        Long year = integer(body, "year", true, FIRST_YEAR, currentYear + 2, errors);
        String make = string(body, "make", true, 40, errors);
        String model = string(body, "model", true, 40, errors);
        String trim = string(body, "trim", false, 60, errors);
        BodyStyle bodyStyle = enumeration(body, "bodyStyle", BodyStyle.class, errors);
        Fuel fuel = enumeration(body, "fuel", Fuel.class, errors);
        Drivetrain drivetrain = enumeration(body, "drivetrain", Drivetrain.class, errors);
        Transmission transmission = enumeration(body, "transmission", Transmission.class, errors);
        String exteriorColor = string(body, "exteriorColor", false, 40, errors);
        String interiorColor = string(body, "interiorColor", false, 40, errors);
        Long mileage = integer(body, "mileage", true, 0, MAX_MILEAGE, errors);
        if (mileage != null && condition == Condition.NEW && mileage > MAX_NEW_MILEAGE) {
            errors.add(new FieldError("mileage", "range",
                    "a NEW vehicle has at most " + MAX_NEW_MILEAGE + " miles"));
        }
        Long msrp = integer(body, "msrpCents", true, 1, MAX_PRICE_CENTS, errors);
        Long ePrice = integer(body, "ePriceCents", true, 1, MAX_PRICE_CENTS, errors);
        if (msrp != null && ePrice != null) {
            if (ePrice * 100 < msrp * MIN_EPRICE_PERCENT_OF_MSRP
                    || ePrice * 100 > msrp * MAX_EPRICE_PERCENT_OF_MSRP) {
                errors.add(new FieldError("ePriceCents", "price_band", "the e-price must be between "
                        + MIN_EPRICE_PERCENT_OF_MSRP + "% and " + MAX_EPRICE_PERCENT_OF_MSRP + "% of the MSRP"));
            }
        }
        Boolean listed = bool(body, "listed", errors);
        List<String> photos = strings(body, "photos", MAX_PHOTOS, 500, true, errors);
        List<String> options = strings(body, "options", MAX_OPTIONS, 80, false, errors);
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        Vehicle vehicle = new Vehicle(vin, stockNumber, condition, year.intValue(), make, model, trim,
                bodyStyle, fuel, drivetrain, transmission, exteriorColor, interiorColor, mileage.intValue(),
                msrp, ePrice, listed == null || listed, photos, options);
        return new Result(vehicle, List.of());
    }

    private static JsonNode present(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String vin(JsonNode body, String pathVin, List<FieldError> errors) {
        JsonNode node = present(body, "vin");
        if (node == null) {
            if (pathVin == null) {
                errors.add(new FieldError("vin", "required", "vin is required"));
                return null;
            }
            Optional<String> problem = Vin.problem(pathVin);
            if (problem.isPresent()) {
                errors.add(new FieldError("vin", "vin", problem.get()));
                return null;
            }
            return pathVin.toUpperCase(Locale.ROOT);
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("vin", "type", "vin must be a string"));
            return null;
        }
        String value = node.asText().trim();
        Optional<String> problem = Vin.problem(value);
        if (problem.isPresent()) {
            errors.add(new FieldError("vin", "vin", problem.get()));
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (pathVin != null && !upper.equals(pathVin.toUpperCase(Locale.ROOT))) {
            errors.add(new FieldError("vin", "mismatch", "vin in the body differs from the VIN in the path"));
            return null;
        }
        return upper;
    }

    private static String string(JsonNode body, String field, boolean required, int maxLength,
                                 List<FieldError> errors) {
        JsonNode node = present(body, field);
        if (node == null) {
            if (required) {
                errors.add(new FieldError(field, "required", field + " is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "type", field + " must be a string"));
            return null;
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "required", field + " must not be blank"));
            }
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "length", field + " must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static Long integer(JsonNode body, String field, boolean required, long min, long max,
                                List<FieldError> errors) {
        JsonNode node = present(body, field);
        if (node == null) {
            if (required) {
                errors.add(new FieldError(field, "required", field + " is required"));
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(field, "type", field + " must be an integer"));
            return null;
        }
        long value = node.longValue();
        if (value < min || value > max) {
            errors.add(new FieldError(field, "range", field + " must be between " + min + " and " + max));
            return null;
        }
        return value;
    }

    private static Boolean bool(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "type", field + " must be true or false"));
            return null;
        }
        return node.booleanValue();
    }

    /** How a constant is written on the wire: its name, except where the enum says otherwise. */
    private static String wireName(Enum<?> constant) {
        return constant instanceof Drivetrain d ? d.wire() : constant.name();
    }

    private static <E extends Enum<E>> E enumeration(JsonNode body, String field, Class<E> type,
                                                     List<FieldError> errors) {
        JsonNode node = present(body, field);
        if (node == null) {
            errors.add(new FieldError(field, "required", field + " is required"));
            return null;
        }
        if (node.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (wireName(constant).equals(node.asText())) {
                    return constant;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(wireName(constant));
        }
        errors.add(new FieldError(field, "enum", field + " must be one of " + String.join(", ", names)));
        return null;
    }

    private static List<String> strings(JsonNode body, String field, int maxItems, int maxLength,
                                        boolean httpsUrls, List<FieldError> errors) {
        JsonNode node = present(body, field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "type", field + " must be an array of strings"));
            return null;
        }
        if (node.size() > maxItems) {
            errors.add(new FieldError(field, "length", field + " may hold at most " + maxItems + " entries"));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                errors.add(new FieldError(path, "type", "must be a string"));
                continue;
            }
            String value = item.asText().trim();
            if (value.isEmpty() || value.length() > maxLength) {
                errors.add(new FieldError(path, "length", "must be 1 to " + maxLength + " characters"));
                continue;
            }
            if (httpsUrls && !isHttpsUrl(value)) {
                errors.add(new FieldError(path, "format", "must be an absolute https URL"));
                continue;
            }
            values.add(value);
        }
        return values;
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
