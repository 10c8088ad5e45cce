package dev.autocentric.routing;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.routing.DeliveryNetwork;
import dev.autocentric.shared.routing.NearbyDealer;
import java.util.List;

/**
 * The rules of the routing routes: a buyer's ZIP to its nearest delivery dealers, and a dealer's
 * public profile. Bad input is a 400 problem naming the field.
 */
public final class RoutingService {

    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 20;

    private final DeliveryNetwork network;
    private final DealerRepository dealers;

    public RoutingService(DeliveryNetwork network, DealerRepository dealers) {
        this.network = network;
        this.dealers = dealers;
    }

    /** A delivery dealer as {@code GET /v1/dealers/nearest} answers it. */
    public record NearbyItem(String dealerId, String name, String city, String state, String zip, double lat,
                             double lon, double distanceMiles) {
        static NearbyItem of(NearbyDealer n) {
            var d = n.dealer();
            return new NearbyItem(d.dealerId(), d.name(), d.city(), d.state(), d.zip(), d.lat(), d.lon(),
                    Math.round(n.distanceMiles() * 100) / 100.0);
        }
    }

    /**
     * The nearest delivery dealers to the ZIP's centroid, nearest first, ties by dealerId.
     * {@code zip} five digits of a known ZIP; {@code limit} a whole number 1..20, default 5.
     */
    public List<NearbyItem> nearest(String zip, String limitText) {
        if (zip == null || zip.isEmpty()) {
            throw Problem.validation(List.of(new FieldError("zip", "required", "zip is required"))).toException();
        }
        int limit = limit(limitText);
        return network.nearestTo(zip, limit).stream().map(NearbyItem::of).toList();
    }

    /** A dealer's public profile (the stored dealer less its credential): 404 when unknown. */
    public Dealer profile(String dealerId) {
        if (!Dealer.isValidId(dealerId)) {
            throw Problem.validation(List.of(new FieldError("dealerId", "format",
                    "dealerId must be 3-40 lower-case letters, digits or inner hyphens"))).toException();
        }
        return dealers.get(dealerId)
                .orElseThrow(() -> Problem.notFound("no dealer " + dealerId).toException());
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("-?[0-9]{1,9}")) {
            throw Problem.validation(List.of(new FieldError("limit", "type", "limit must be a whole number")))
                    .toException();
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.validation(List.of(new FieldError("limit", "range",
                    "limit must be between 1 and " + MAX_LIMIT))).toException();
        }
        return limit;
    }
}
