package dev.autocentric.listing;

import dev.autocentric.shared.listing.Listing;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Buyer-facing listing detail (anonymous). */
@Controller("/v1/listings")
public class ListingController {

    private final InventoryService inventory;

    public ListingController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Get("/{vin}")
    HttpResponse<String> listing(String vin) {
        Listing listing = inventory.publicListing(vin);
        return HttpBodies.json(HttpStatus.OK, listing).header(HttpHeaders.ETAG, HttpBodies.etag(listing.version()));
    }
}
