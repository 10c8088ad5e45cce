package dev.autocentric.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.HttpBodies;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.pricing.DealAssessment;
import dev.autocentric.shared.pricing.MarketSegment;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Buyer-facing listing detail (anonymous), with its deal rating from the pricing function's market statistics. */
@Controller("/v1/listings")
public class ListingController {

    private final InventoryService inventory;
    private final MarketStatsRepository marketStats;

    public ListingController(InventoryService inventory, MarketStatsRepository marketStats) {
        this.inventory = inventory;
        this.marketStats = marketStats;
    }

    @Get("/{vin}")
    HttpResponse<String> listing(String vin) {
        Listing listing = inventory.publicListing(vin);
        ObjectNode body = Json.MAPPER.valueToTree(listing);
        body.set("dealRating", Json.MAPPER.valueToTree(DealAssessment.of(listing.vehicle().ePriceCents(),
                marketStats.get(MarketSegment.of(listing.vehicle())))));
        return HttpBodies.json(HttpStatus.OK, body).header(HttpHeaders.ETAG, HttpBodies.etag(listing.version()));
    }
}
