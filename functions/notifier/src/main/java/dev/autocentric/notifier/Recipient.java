package dev.autocentric.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Which dealer hears an order event (the same interests as the template's rules): the selling
 * dealer of OrderPlaced, OrderCancelled, OrderExpired; the delivery dealer of OrderConfirmed,
 * OrderShipped. Only the selling dealer is ever sent the buyer's contact.
 */
public enum Recipient {
    SELLING_DEALER("sellingDealerId"),
    DELIVERY_DEALER("deliveryDealerId");

    private static final Map<String, Recipient> BY_TYPE = Map.of(
            "OrderPlaced", SELLING_DEALER, "OrderCancelled", SELLING_DEALER, "OrderExpired", SELLING_DEALER,
            "OrderConfirmed", DELIVERY_DEALER, "OrderShipped", DELIVERY_DEALER);

    private final String field;

    Recipient(String field) {
        this.field = field;
    }

    public static Optional<Recipient> of(String detailType) {
        return Optional.ofNullable(BY_TYPE.get(detailType));
    }

    public String dealerId(JsonNode data) {
        return data.path(field).asText(null);
    }
}
