package dev.autocentric.listing;

// on demand: DealerAuthenticator is moving from this package to shared.dealer
import dev.autocentric.shared.dealer.*;
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

/** {@code PUT /v1/dealers/{dealerId}/webhook}: the dealer's own webhook; answers its signing secret once. */
@Controller("/v1/dealers/{dealerId}/webhook")
@Consumes(MediaType.ALL)
public class WebhookController {

    private final DealerAuthenticator auth;
    private final WebhookRegistrations registrations;

    public WebhookController(DealerAuthenticator auth, WebhookRegistrations registrations) {
        this.auth = auth;
        this.registrations = registrations;
    }

    @Put
    HttpResponse<String> register(String dealerId,
                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Nullable @Body String body) {
        Dealer dealer = auth.authenticate(authorization, dealerId);
        return HttpBodies.json(HttpStatus.OK,
                registrations.register(dealer, HttpBodies.json(body, BodyLimits.MAX_ADMIN_BYTES)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
