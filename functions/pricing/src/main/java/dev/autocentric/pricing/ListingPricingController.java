package dev.autocentric.pricing;

import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** Buyer-facing (anonymous): a delivered-price quote and the e-price history of a listed vehicle. */
@Controller("/v1/listings")
public class ListingPricingController {

    private final QuoteService quotes;
    private final EPriceService prices;

    public ListingPricingController(QuoteService quotes, EPriceService prices) {
        this.quotes = quotes;
        this.prices = prices;
    }

    @Get("/{vin}/quote")
    HttpResponse<String> quote(String vin, @Nullable @QueryValue String zip) {
        return HttpBodies.json(HttpStatus.OK, quotes.quote(vin, zip));
    }

    @Get("/{vin}/price-history")
    HttpResponse<String> priceHistory(String vin, @Nullable @QueryValue String limit,
                                      @Nullable @QueryValue String cursor) {
        return HttpBodies.json(HttpStatus.OK, prices.history(vin, limit, cursor));
    }
}
