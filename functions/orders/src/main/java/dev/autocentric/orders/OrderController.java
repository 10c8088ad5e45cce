package dev.autocentric.orders;

import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

/**
 * Buyer-facing: place an order (with an Idempotency-Key), then read or cancel it with the access
 * token the placement answered.
 */
@Controller("/v1/orders")
@Consumes(MediaType.ALL)
public class OrderController {

    /** The largest order body read; a larger one is answered 413. */
    static final int MAX_ORDER_BYTES = 8 * 1024;

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    @Post
    HttpResponse<String> place(@Nullable @Header("Idempotency-Key") String idempotencyKey,
                               @Nullable @Body String body) {
        OrderService.Placed placed = orders.place(idempotencyKey, HttpBodies.json(body, MAX_ORDER_BYTES));
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(placed.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(placed.body())
                .header(HttpHeaders.LOCATION, "/v1/orders/" + placed.orderId())
                .header(HttpHeaders.ETAG, HttpBodies.etag(placed.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (placed.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    @Get("/{orderId}")
    HttpResponse<String> get(String orderId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Order order = orders.buyerOrder(orderId, authorization);
        return HttpBodies.json(HttpStatus.OK, order).header(HttpHeaders.ETAG, HttpBodies.etag(order.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/{orderId}/cancel")
    HttpResponse<String> cancel(String orderId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Order order = orders.cancel(orderId, authorization);
        return HttpBodies.json(HttpStatus.OK, order).header(HttpHeaders.ETAG, HttpBodies.etag(order.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
