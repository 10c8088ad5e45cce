package dev.autocentric.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.http.HttpBodies;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.listing.VehicleValidator;
import dev.autocentric.shared.paging.Page;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.vin.Vin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A dealer sets the e-price of a vehicle in its stock, and anyone reads a listed vehicle's price
 * history.
 *
 * <p>Price rules: body {@code {"ePriceCents": n}} and nothing else; n a JSON integer from 1 to
 * {@value VehicleValidator#MAX_PRICE_CENTS} cents, within the sanity band of 10%..150% of the
 * vehicle's MSRP (the same band as an upsert). The VIN must be in the dealer's stock (404
 * otherwise), not RESERVED or SOLD (409: an order owns it); {@code If-Match} names the current
 * version (412 when stale). An unchanged price writes nothing; a change adds 1 to the version
 * and records a history entry in the same transaction.
 */
public final class EPriceService {

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    private static final int RACE_ROUNDS = 3;

    private final ListingRepository listings;
    private final PriceHistoryRepository history;
    private final PageCursor cursors;
    private final Clock clock;

    public EPriceService(ListingRepository listings, PriceHistoryRepository history, PageCursor cursors, Clock clock) {
        this.listings = listings;
        this.history = history;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The listing after the change and whether anything was written. */
    public record Repriced(Listing listing, boolean changed) {
    }

    public Repriced setPrice(Dealer dealer, String pathVin, JsonNode body, Long ifMatch) {
        String vin = pathVin(pathVin);
        long price = price(body);
        for (int round = 1; ; round++) {
            Listing current = listings.get(vin)
                    .filter(l -> l.dealerId().equals(dealer.dealerId()))
                    .orElseThrow(() -> Problem.notFound("no vehicle " + vin + " in this dealer's stock").toException());
            if (ifMatch != null && ifMatch != HttpBodies.ANY_VERSION && ifMatch != current.version()) {
                throw Problem.preconditionFailed("If-Match names version " + ifMatch
                        + ", the current version is " + current.version()).toException();
            }
            switch (current.status()) {
                case RESERVED, SOLD -> throw new Problem(Problem.TYPE_BASE + "vehicle-in-order", "Conflict", 409,
                        "the vehicle is " + current.status() + "; an order owns it until the order ends",
                        List.of(new FieldError("status", "status", "vehicle is " + current.status()))).toException();
                default -> {
                }
            }
            long msrp = current.vehicle().msrpCents();
            if (price * 100 < msrp * VehicleValidator.MIN_EPRICE_PERCENT_OF_MSRP
                    || price * 100 > msrp * VehicleValidator.MAX_EPRICE_PERCENT_OF_MSRP) {
                throw Problem.validation(List.of(new FieldError("ePriceCents", "price_band",
                        "the e-price must be between " + VehicleValidator.MIN_EPRICE_PERCENT_OF_MSRP + "% and "
                                + VehicleValidator.MAX_EPRICE_PERCENT_OF_MSRP + "% of the MSRP (" + msrp
                                + " cents)"))).toException();
            }
            if (price == current.vehicle().ePriceCents()) {
                return new Repriced(current, false);
            }
            Instant now = clock.instant();
            Listing next = current.withChange(withPrice(current.vehicle(), price), current.status(), now,
                    current.dealerName(), current.dealerCity(), current.dealerZip(), current.dealerLat(),
                    current.dealerLon());
            PriceChange change = new PriceChange(vin, next.version(), price, current.vehicle().ePriceCents(),
                    dealer.dealerId(), now);
            if (history.commitPriceChange(next, current, change)) {
                return new Repriced(next, true);
            }
            if (ifMatch != null) {
                throw Problem.preconditionFailed("the vehicle changed while this request ran").toException();
            }
            if (round >= RACE_ROUNDS) {
                throw Problem.conflict("the vehicle keeps changing; try again").toException();
            }
        }
    }

    /** A page of a buyer-visible vehicle's e-price history, newest first. */
    public Page<PriceChange> history(String pathVin, String limitParam, String cursorParam) {
        String vin = pathVin(pathVin);
        List<FieldError> errors = new ArrayList<>();
        int limit = DEFAULT_PAGE;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
                if (limit < 1 || limit > MAX_PAGE) {
                    errors.add(new FieldError("limit", "range", "limit must be between 1 and " + MAX_PAGE));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "type", "limit must be an integer"));
            }
        }
        Long before = null;
        if (cursorParam != null) {
            before = cursors.decode(scope(vin), cursorParam).map(EPriceService::version).orElse(null);
            if (before == null) {
                errors.add(new FieldError("cursor", "format", "cursor is not one this API issued for this list"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        listings.get(vin).filter(Listing::isPublic)
                .orElseThrow(() -> Problem.notFound("no listed vehicle " + vin).toException());
        PriceHistoryRepository.Slice slice = history.page(vin, before, limit);
        String next = slice.more() ? cursors.encode(scope(vin), Long.toString(slice.items().getLast().version())) : null;
        return new Page<>(slice.items(), next);
    }

    private static String scope(String vin) {
        return "price-history:" + vin;
    }

    private static Long version(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long price(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw Problem.validation(List.of(new FieldError(null, "type", "the body must be {\"ePriceCents\": n}")))
                    .toException();
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("ePriceCents")) {
                errors.add(new FieldError(name, "unknown_field", "unknown field"));
            }
        }
        JsonNode node = body.get("ePriceCents");
        long price = 0;
        if (node == null || node.isNull()) {
            errors.add(new FieldError("ePriceCents", "required", "ePriceCents is required"));
        } else if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError("ePriceCents", "type", "ePriceCents must be an integer number of cents"));
        } else {
            price = node.longValue();
            if (price < 1 || price > VehicleValidator.MAX_PRICE_CENTS) {
                errors.add(new FieldError("ePriceCents", "range",
                        "ePriceCents must be between 1 and " + VehicleValidator.MAX_PRICE_CENTS));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        return price;
    }

    static Vehicle withPrice(Vehicle v, long price) {
        return new Vehicle(v.vin(), v.stockNumber(), v.condition(), v.year(), v.make(), v.model(), v.trim(),
                v.bodyStyle(), v.fuel(), v.drivetrain(), v.transmission(), v.exteriorColor(), v.interiorColor(),
                v.mileage(), v.msrpCents(), price, v.listed(), v.photos(), v.options());
    }

    static String pathVin(String raw) {
        Optional<String> problem = Vin.problem(raw);
        if (problem.isPresent()) {
            throw Problem.validation(List.of(new FieldError("vin", "vin", problem.get()))).toException();
        }
        return raw.toUpperCase(Locale.ROOT);
    }
}
