package dev.autocentric.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of a vehicle's price history: the e-price its listing had from {@code version} on,
 * the e-price before ({@code null} for the first price the marketplace saw), who set it and when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceChange(String vin, long version, long ePriceCents, Long previousCents, String dealerId,
                          Instant changedAt) {
}
