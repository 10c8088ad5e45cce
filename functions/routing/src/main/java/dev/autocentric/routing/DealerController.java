package dev.autocentric.routing;

import dev.autocentric.routing.RoutingService.NearbyItem;
import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Map;

/**
 * Buyer-facing dealer routes (anonymous). {@code /nearest} is a literal segment, so it wins over
 * {@code /{dealerId}} here as at API Gateway (a literal route beats a parameter).
 */
@Controller("/v1/dealers")
public class DealerController {

    private final RoutingService routing;

    public DealerController(RoutingService routing) {
        this.routing = routing;
    }

    @Get("/nearest")
    HttpResponse<String> nearest(@Nullable @QueryValue("zip") String zip, @Nullable @QueryValue("limit") String limit) {
        List<NearbyItem> items = routing.nearest(zip, limit);
        return HttpBodies.json(HttpStatus.OK, Map.of("items", items));
    }

    @Get("/{dealerId}")
    HttpResponse<String> dealer(String dealerId) {
        return HttpBodies.json(HttpStatus.OK, routing.profile(dealerId));
    }
}
