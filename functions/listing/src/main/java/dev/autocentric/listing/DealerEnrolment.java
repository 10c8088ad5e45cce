package dev.autocentric.listing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.Transient;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The operator enrols a dealer and receives its credential once.
 *
 * <p>Operator check: {@code Authorization: Bearer <token>} where the hex SHA-256 of the token
 * equals ADMIN_TOKEN_SHA256 (constant-time compare); when ADMIN_TOKEN_SHA256 is not configured no
 * token is accepted.
 *
 * <p>Body rules: {@code dealerId} optional ({@link Dealer#ID_PATTERN}; generated when absent);
 * {@code name} required, at most 100 characters; {@code brands} optional array of at most 30
 * names of at most 40 characters; {@code network} required, GM or OTHER; {@code deliveryPoint}
 * optional boolean (default false; only GM-network dealers can be delivery points);
 * {@code address} required (at most 120), {@code city} required (at most 60), {@code state}
 * two capital letters, {@code zip} five digits (string), {@code lat} -90..90 and {@code lon}
 * -180..180 (numbers). Unknown fields are rejected.
 */
public final class DealerEnrolment {

    private static final Set<String> FIELDS = Set.of("dealerId", "name", "brands", "network", "deliveryPoint",
            "address", "city", "state", "zip", "lat", "lon");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DealerRepository dealers;
    private final byte[] adminTokenSha256;
    private final Clock clock;

    public DealerEnrolment(DealerRepository dealers, String adminTokenSha256Hex, Clock clock) {
        this.dealers = dealers;
        this.adminTokenSha256 = parseHex(adminTokenSha256Hex);
        this.clock = clock;
    }

    /** The new dealer and its credential, which is never shown again. */
    public record Enrolled(Dealer dealer, String credential) {
    }

    public void authorise(String authorization) {
        String token = DealerAuthenticator.bearer(authorization)
                .orElseThrow(() -> Problem.unauthorized("send Authorization: Bearer <operator token>").toException());
        byte[] presented = HexFormat.of().parseHex(DealerCredentials.sha256Hex(token));
        if (adminTokenSha256 == null || !MessageDigest.isEqual(adminTokenSha256, presented)) {
            throw Problem.unauthorized("the operator token is not valid").toException();
        }
    }

    public Enrolled enrol(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw Problem.validation(List.of(new FieldError(null, "type", "the dealer must be a JSON object")))
                    .toException();
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown_field", "unknown field"));
            }
        }
        String dealerId = text(body, "dealerId", false, 40, errors);
        if (dealerId != null && !Dealer.isValidId(dealerId)) {
            errors.add(new FieldError("dealerId", "format",
                    "dealerId must be 3-40 lower-case letters, digits or inner hyphens"));
        }
        String name = text(body, "name", true, 100, errors);
        List<String> brands = brands(body, errors);
        String networkText = text(body, "network", true, 10, errors);
        Network network = null;
        if (networkText != null) {
            try {
                network = Network.valueOf(networkText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("network", "enum", "network must be one of GM, OTHER"));
            }
        }
        boolean deliveryPoint = false;
        JsonNode dp = body.get("deliveryPoint");
        if (dp != null && !dp.isNull()) {
            if (!dp.isBoolean()) {
                errors.add(new FieldError("deliveryPoint", "type", "deliveryPoint must be true or false"));
            } else {
                deliveryPoint = dp.booleanValue();
                if (deliveryPoint && networkText != null && network != Network.GM) {
                    errors.add(new FieldError("deliveryPoint", "rule", "only GM-network dealers are delivery points"));
                }
            }
        }
        String address = text(body, "address", true, 120, errors);
        String city = text(body, "city", true, 60, errors);
        String state = text(body, "state", true, 2, errors);
        if (state != null && !state.matches("[A-Z]{2}")) {
            errors.add(new FieldError("state", "format", "state must be a two-letter code such as MI"));
        }
        String zip = text(body, "zip", true, 5, errors);
        if (zip != null && !zip.matches("[0-9]{5}")) {
            errors.add(new FieldError("zip", "format", "zip must be five digits"));
        }
        Double lat = number(body, "lat", -90, 90, errors);
        Double lon = number(body, "lon", -180, 180, errors);
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        String id = dealerId != null ? dealerId : "dlr-" + HexFormat.of().formatHex(randomBytes(6));
        DealerCredentials.Issued credential = DealerCredentials.issue(id);
        Dealer dealer = new Dealer(id, name, brands, network, deliveryPoint, address, city, state, zip, lat, lon,
                credential.salt(), credential.hash(), clock.instant());
        try {
            Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                dealers.create(dealer);
                return null;
            });
        } catch (ConditionalCheckFailedException taken) {
            throw new Problem(Problem.TYPE_BASE + "dealer-exists", "Conflict", 409,
                    "dealer " + id + " is already enrolled",
                    List.of(new FieldError("dealerId", "exists", "dealerId is taken"))).toException();
        }
        return new Enrolled(dealer, credential.credential());
    }

    private static String text(JsonNode body, String field, boolean required, int max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
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
        if (value.isEmpty() || value.length() > max) {
            errors.add(new FieldError(field, "length", field + " must be 1 to " + max + " characters"));
            return null;
        }
        return value;
    }

    private static List<String> brands(JsonNode body, List<FieldError> errors) {
        JsonNode node = body.get("brands");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 30) {
            errors.add(new FieldError("brands", "type", "brands must be an array of at most 30 names"));
            return List.of();
        }
        List<String> brands = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode b = node.get(i);
            if (!b.isTextual() || b.asText().isBlank() || b.asText().length() > 40) {
                errors.add(new FieldError("brands[" + i + "]", "type", "a brand is a name of 1 to 40 characters"));
            } else {
                brands.add(b.asText().trim());
            }
        }
        return brands;
    }

    private static Double number(JsonNode body, String field, double min, double max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "required", field + " is required"));
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(field, "type", field + " must be a number"));
            return null;
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v) || v < min || v > max) {
            errors.add(new FieldError(field, "range", field + " must be between " + min + " and " + max));
            return null;
        }
        return v;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] parseHex(String hex) {
        if (hex == null || !hex.trim().toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT));
    }
}
