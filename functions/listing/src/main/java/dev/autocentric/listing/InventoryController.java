package dev.autocentric.listing;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.http.HttpBodies;
import dev.autocentric.shared.listing.Listing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;

/** Dealer-facing inventory routes; each authenticates the dealer of the path first. */
@Controller("/v1/dealers/{dealerId}/inventory")
@Consumes(MediaType.ALL)
public class InventoryController {

    private final DealerAuthenticator auth;
    private final InventoryService inventory;

    public InventoryController(DealerAuthenticator auth, InventoryService inventory) {
        this.auth = auth;
        this.inventory = inventory;
    }

    @Put("/{vin}")
    HttpResponse<String> upsert(String dealerId, String vin,
                                @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                @Nullable @Body String body) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        Long expected = HttpBodies.ifMatch(ifMatch);
        InventoryService.Upserted done = inventory.upsert(dealer, vin,
                HttpBodies.json(body, BodyLimits.MAX_SINGLE_BYTES), expected);
        HttpStatus status = done.outcome() == InventoryService.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        var response = HttpBodies.json(status, done.listing()).header(HttpHeaders.ETAG, HttpBodies.etag(done.listing().version()));
        if (done.outcome() == InventoryService.Outcome.CREATED) {
            response.header(HttpHeaders.LOCATION, "/v1/dealers/" + dealerId + "/inventory/" + done.listing().vin());
        }
        return response;
    }

    @Post("/batch")
    HttpResponse<String> batch(String dealerId,
                               @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                               @Nullable @Body String body) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        return HttpBodies.json(HttpStatus.OK, inventory.batch(dealer, HttpBodies.json(body, BodyLimits.MAX_BATCH_BYTES)));
    }

    @Delete("/{vin}")
    HttpResponse<String> withdraw(String dealerId, String vin,
                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        Listing withdrawn = inventory.withdraw(dealer, vin, HttpBodies.ifMatch(ifMatch));
        return HttpResponse.<String>status(HttpStatus.NO_CONTENT)
                .header(HttpHeaders.ETAG, HttpBodies.etag(withdrawn.version()));
    }

    @Get
    HttpResponse<String> ownStock(String dealerId,
                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Nullable @QueryValue String limit,
                                  @Nullable @QueryValue String cursor) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        return HttpBodies.json(HttpStatus.OK, inventory.ownStock(dealer, limit, cursor));
    }
}
