package dev.autocentric.orders;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

/**
 * Dealer-facing: the orders a dealer sells or delivers, and the lifecycle actions on them
 * (confirm, reject, ship as the seller; ready, deliver as the delivery dealer).
 */
@Controller("/v1/dealers/{dealerId}/orders")
@Consumes(MediaType.ALL)
public class DealerOrderController {

    private final DealerAuthenticator auth;
    private final OrderService orders;

    public DealerOrderController(DealerAuthenticator auth, OrderService orders) {
        this.auth = auth;
        this.orders = orders;
    }

    @Get
    HttpResponse<String> list(String dealerId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                              @Nullable @QueryValue String role, @Nullable @QueryValue String status,
                              @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        return HttpBodies.json(HttpStatus.OK, orders.dealerOrders(dealer, role, status, limit, cursor))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/{orderId}/{action}")
    HttpResponse<String> act(String dealerId, String orderId, String action,
                             @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        OrderService.DealerOrder moved = orders.act(dealer, orderId, action);
        return HttpBodies.json(HttpStatus.OK, moved).header(HttpHeaders.ETAG, HttpBodies.etag(moved.order().version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
