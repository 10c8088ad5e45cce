package dev.autocentric.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autocentric.shared.json.Json;
import org.junit.jupiter.api.Test;

/** The warm-up order is a valid one, so warming walks the whole parse (ZIP lookup included), not an early error. */
class OrdersWarmUpTest {

    @Test
    void theWarmUpOrderParsesCompletely() throws Exception {
        PlaceOrderRequest parsed = PlaceOrderRequest.parse(Json.tree(OrdersWarmUp.SAMPLE_ORDER));
        assertEquals("48226", parsed.buyer().zip());
        assertEquals("+13135550100", parsed.buyer().phone());
    }
}
