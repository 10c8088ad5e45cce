package dev.autocentric.shared.dealer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * An enrolled dealer. {@code credentialSalt} and {@code credentialHash} (see
 * {@link DealerCredentials}) are stored but never written to the wire.
 */
public record Dealer(
        String dealerId,
        String name,
        List<String> brands,
        Network network,
        boolean deliveryPoint,
        String address,
        String city,
        String state,
        String zip,
        double lat,
        double lon,
        @JsonIgnore String credentialSalt,
        @JsonIgnore String credentialHash,
        Instant createdAt) {

    /** Dealer ids: lower-case letters, digits and inner hyphens, 3 to 40 characters (no '_', which separates token parts). */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,38}[a-z0-9]";

    public Dealer {
        brands = brands == null ? List.of() : List.copyOf(brands);
    }

    public static boolean isValidId(String id) {
        return id != null && id.matches(ID_PATTERN);
    }
}
