package dev.autocentric.pricing;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;

/** Dealer-facing: set the e-price of a vehicle in the dealer's own stock. */
@Controller("/v1/dealers/{dealerId}/inventory")
@Consumes(MediaType.ALL)
public class PriceController {

    /** The largest price body read; a larger one is answered 413. */
    static final int MAX_PRICE_BYTES = 4 * 1024;

    private final DealerAuthenticator auth;
    private final EPriceService prices;

    public PriceController(DealerAuthenticator auth, EPriceService prices) {
        this.auth = auth;
        this.prices = prices;
    }

    @Put("/{vin}/price")
    HttpResponse<String> setPrice(String dealerId, String vin,
                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Nullable @Body String body) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        Long expected = HttpBodies.ifMatch(ifMatch);
        EPriceService.Repriced done = prices.setPrice(dealer, vin, HttpBodies.json(body, MAX_PRICE_BYTES),
                expected);
        return HttpBodies.json(HttpStatus.OK, done.listing())
                .header(HttpHeaders.ETAG, HttpBodies.etag(done.listing().version()));
    }
}
