package dev.autocentric.orders;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.Transient;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.paging.Page;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.pricing.QuoteClaims;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders: placement (quote verified, vehicle reserved, order and idempotency record written in
 * one transaction), the buyer's read and cancel, the dealers' list and actions, and hold expiry.
 * The lifecycle itself is the table in {@link OrderAction}; every move is a conditional write, so
 * a move that lost a race or is not allowed changes nothing and answers 409. No buyer data is
 * logged.
 */
public final class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
    private static final Pattern ORDER_ID = Pattern.compile("ord[a-z2-7]{26}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int PLACE_ATTEMPTS = 6;
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final OrderStore store;
    private final ListingRepository listings;
    private final DealerRepository dealers;
    private final QuoteSigner quotes;
    private final OrderTokens tokens;
    private final PageCursor cursors;
    private final Duration hold;
    private final Duration idempotencyTtl;
    private final Clock clock;
    private final OrderLifecycle lifecycle;

    public OrderService(OrderStore store, ListingRepository listings, DealerRepository dealers, QuoteSigner quotes,
                        OrderTokens tokens, PageCursor cursors, Duration hold, Duration idempotencyTtl, Clock clock) {
        this.store = store;
        this.listings = listings;
        this.dealers = dealers;
        this.quotes = quotes;
        this.tokens = tokens;
        this.cursors = cursors;
        this.hold = hold;
        this.idempotencyTtl = idempotencyTtl;
        this.clock = clock;
        this.lifecycle = new OrderLifecycle(store, listings, clock);
    }

    /** The answer to a placement: its status, the JSON body, and whether it replays an earlier one. */
    public record Placed(int status, String body, String orderId, long version, boolean replayed) {
    }

    /** An order as one of its dealers sees it, with that dealer's roles in it. */
    public record DealerOrder(@JsonUnwrapped Order order, List<Actor> roles) {
    }

    // ------------------------------------------------------------------ placement

    public Placed place(String idempotencyKey, JsonNode body) {
        String key = idempotencyKey(idempotencyKey);
        PlaceOrderRequest request = PlaceOrderRequest.parse(body);
        String requestHash = sha256(Json.write(request));
        String scopedKey = "orders:" + key;
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            Optional<OrderStore.IdempotencyRecord> earlier = store.idempotency(scopedKey, now);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
            QuoteClaims claims = verifiedQuote(request);
            Listing listing = listings.get(request.vin())
                    .orElseThrow(() -> Problem.notFound("no vehicle " + request.vin() + " in the marketplace")
                            .toException());
            if (!listing.vehicle().listed() || listing.status() != ListingStatus.AVAILABLE) {
                // a retry of this very key may have reserved it between the two reads: answer as that one did
                Optional<OrderStore.IdempotencyRecord> won = store.idempotency(scopedKey, now);
                if (won.isPresent()) {
                    return replay(won.get(), requestHash);
                }
                throw notAvailable(listing);
            }
            if (!listing.dealerId().equals(claims.sellingDealerId())) {
                throw staleQuote("the vehicle has moved to another dealer since it was quoted");
            }
            Dealer delivery = dealers.get(claims.deliveryDealerId())
                    .orElseThrow(() -> staleQuote("the quoted delivery dealer is no longer in the marketplace"));
            Order order = newOrder(request, claims, listing, delivery, now);
            Listing reserved = listing.withChange(listing.vehicle(), ListingStatus.RESERVED, now,
                    listing.dealerName(), listing.dealerCity(), listing.dealerZip(), listing.dealerLat(),
                    listing.dealerLon());
            String stored = Json.write(Json.MAPPER.valueToTree(order));
            OrderStore.IdempotencyRecord record = new OrderStore.IdempotencyRecord(scopedKey, requestHash,
                    order.orderId(), 201, stored, now, now.plus(idempotencyTtl));
            switch (store.place(reserved, listing, order, record)) {
                case PLACED -> {
                    LOG.info("order placed orderId={} vin={} seller={} delivery={}", order.orderId(), order.vin(),
                            order.sellingDealer().dealerId(), order.deliveryDealer().dealerId());
                    return answer(record, false);
                }
                case KEY_TAKEN, LISTING_CHANGED -> {
                    // the next round reads what won: the key's first answer, or the listing now reserved
                }
                case CONFLICT -> Transient.sleep(Transient.backoff(attempt));
            }
            if (attempt >= PLACE_ATTEMPTS) {
                throw Problem.unavailable("the vehicle is being ordered by someone else; try again").toException();
            }
        }
    }

    private Placed replay(OrderStore.IdempotencyRecord record, String requestHash) {
        if (!record.requestHash().equals(requestHash)) {
            throw new Problem(Problem.TYPE_BASE + "idempotency-key-reused", "Unprocessable request", 422,
                    "this Idempotency-Key was used with a different body; use a new key for a new order",
                    List.of(new FieldError("Idempotency-Key", "reused", "the key belongs to another request")))
                    .toException();
        }
        return answer(record, true);
    }

    private Placed answer(OrderStore.IdempotencyRecord record, boolean replayed) {
        ObjectNode body;
        try {
            body = (ObjectNode) Json.MAPPER.readTree(record.response());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.put("accessToken", tokens.issue(record.orderId()));
        return new Placed(record.status(), Json.write(body), record.orderId(), body.path("version").asLong(),
                replayed);
    }

    private QuoteClaims verifiedQuote(PlaceOrderRequest request) {
        QuoteClaims claims = switch (quotes.verify(request.quoteId())) {
            case QuoteSigner.Valid valid -> valid.claims();
            case QuoteSigner.Expired expired -> throw new Problem(Problem.TYPE_BASE + "quote-expired", "Conflict", 409,
                    "the quote expired at " + expired.claims().expiresAt() + "; get a new quote",
                    List.of(new FieldError("quoteId", "expired", "the quote has expired"))).toException();
            case QuoteSigner.Invalid invalid -> throw Problem.validation(List.of(
                    new FieldError("quoteId", "invalid", invalid.reason()))).toException();
        };
        List<FieldError> errors = new ArrayList<>();
        if (!claims.vin().equals(request.vin())) {
            errors.add(new FieldError("quoteId", "other_vehicle", "the quote is for another vehicle"));
        }
        if (!claims.zip().equals(request.buyer().zip())) {
            errors.add(new FieldError("buyer.zip", "not_quoted",
                    "the quote was made for ZIP " + claims.zip() + "; quote again for " + request.buyer().zip()));
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        return claims;
    }

    private Order newOrder(PlaceOrderRequest request, QuoteClaims claims, Listing listing, Dealer delivery,
                           Instant now) {
        var v = listing.vehicle();
        Order.Vehicle vehicle = new Order.Vehicle(v.year(), v.make(), v.model(), v.trim(),
                v.condition() == null ? null : v.condition().name(), v.stockNumber(), v.exteriorColor(), v.mileage());
        return new Order(newOrderId(), OrderStatus.PLACED, 1, listing.vin(), vehicle,
                new Order.Party(listing.dealerId(), listing.dealerName(), listing.dealerCity(), listing.dealerZip()),
                new Order.Party(delivery.dealerId(), delivery.name(), delivery.city(), delivery.zip()),
                request.buyer(), claims.lines(), claims.totalCents(), now, now.plus(hold), now,
                listing.version() + 1, List.of(new Order.Change(OrderStatus.PLACED, now, Actor.BUYER)));
    }

    // ------------------------------------------------------------------ buyer

    public Order buyerOrder(String orderId, String authorization) {
        return store.get(buyerAccess(orderId, authorization)).orElseThrow(OrderService::noSuchOrder);
    }

    public Order cancel(String orderId, String authorization) {
        Order current = store.get(buyerAccess(orderId, authorization)).orElseThrow(OrderService::noSuchOrder);
        return lifecycle.move(current, OrderAction.CANCEL);
    }

    private String buyerAccess(String orderId, String authorization) {
        String token = DealerAuthenticator.bearer(authorization).orElseThrow(() -> Problem.unauthorized(
                "send Authorization: Bearer <the accessToken answered when the order was placed>").toException());
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw noSuchOrder();
        }
        if (!tokens.matches(orderId, token)) {
            throw Problem.forbidden("the token is not the access token of this order").toException();
        }
        return orderId;
    }

    // ------------------------------------------------------------------ dealers

    public Page<DealerOrder> dealerOrders(Dealer dealer, String roleParam, String statusParam, String limitParam,
                                          String cursorParam) {
        List<FieldError> errors = new ArrayList<>();
        List<String> indexes = switch (roleParam == null ? "" : roleParam.trim().toLowerCase(Locale.ROOT)) {
            case "" -> List.of(OrderItems.BY_SELLER, OrderItems.BY_DELIVERY);
            case "seller" -> List.of(OrderItems.BY_SELLER);
            case "delivery" -> List.of(OrderItems.BY_DELIVERY);
            default -> {
                errors.add(new FieldError("role", "invalid", "role must be seller or delivery"));
                yield List.of();
            }
        };
        OrderStatus status = null;
        if (statusParam != null && !statusParam.isBlank()) {
            try {
                status = OrderStatus.valueOf(statusParam.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "invalid", "status must be one of " + List.of(OrderStatus.values())));
            }
        }
        int limit = DEFAULT_PAGE;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                errors.add(new FieldError("limit", "range", "limit must be a whole number from 1 to " + MAX_PAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        String scope = "orders:" + dealer.dealerId() + ":" + String.join(",", indexes) + ":" + status;
        String after = null;
        if (cursorParam != null) {
            after = cursors.decode(scope, cursorParam).orElseThrow(() -> Problem.validation(List.of(
                    new FieldError("cursor", "invalid", "the cursor is not one this list issued"))).toException());
        }
        // the same key order in both indexes: merge by key, an order in both (seller delivers) once
        Map<String, Order> merged = new TreeMap<>();
        boolean more = false;
        for (String index : indexes) {
            OrderStore.Slice slice = store.byDealer(index, dealer.dealerId(), status, after, limit);
            more |= slice.more();
            for (Order o : slice.items()) {
                merged.put(OrderItems.statusKey(o.status(), o.placedAt(), o.orderId()), o);
            }
        }
        List<DealerOrder> page = new ArrayList<>();
        String lastKey = null;
        for (Map.Entry<String, Order> e : merged.entrySet()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(new DealerOrder(e.getValue(), e.getValue().rolesOf(dealer.dealerId())));
            lastKey = e.getKey();
        }
        return new Page<>(page, more && lastKey != null ? cursors.encode(scope, lastKey) : null);
    }

    public DealerOrder act(Dealer dealer, String orderId, String actionParam) {
        OrderAction action = OrderAction.dealerAction(actionParam).orElseThrow(() -> Problem.validation(List.of(
                new FieldError("action", "invalid", "action must be one of confirm, reject, ship, ready, deliver")))
                .toException());
        Order current = (ORDER_ID.matcher(orderId).matches() ? store.get(orderId) : Optional.<Order>empty())
                .filter(o -> !o.rolesOf(dealer.dealerId()).isEmpty())
                .orElseThrow(OrderService::noSuchOrder);
        List<Actor> roles = current.rolesOf(dealer.dealerId());
        if (!roles.contains(action.actor())) {
            throw Problem.forbidden("only the " + (action.actor() == Actor.SELLER ? "selling" : "delivery")
                    + " dealer of this order may " + action.pathName() + " it").toException();
        }
        return new DealerOrder(lifecycle.move(current, action), roles);
    }

    // ------------------------------------------------------------------ helpers

    private Instant now() {
        return OrderLifecycle.now(clock);
    }

    private String newOrderId() {
        // a SecureRandom per id: nothing random is drawn during init, so SnapStart restores never share ids
        byte[] bytes = new byte[17];
        new SecureRandom().nextBytes(bytes);
        StringBuilder id = new StringBuilder("ord");
        long bits = 0;
        int have = 0;
        for (int i = 0; id.length() < 29; ) {
            if (have < 5) {
                bits = (bits << 8) | (bytes[i++] & 0xFF);
                have += 8;
            }
            id.append(BASE32[(int) (bits >>> (have - 5)) & 31]);
            have -= 5;
        }
        return id.toString();
    }

    private static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            throw Problem.validation(List.of(new FieldError("Idempotency-Key", "required",
                    "send an Idempotency-Key header (a new UUID per order; the same one when retrying)")))
                    .toException();
        }
        String key = header.trim();
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw Problem.validation(List.of(new FieldError("Idempotency-Key", "format",
                    "the key must be 1 to 255 visible ASCII characters"))).toException();
        }
        return key;
    }

    private static ProblemException notAvailable(Listing listing) {
        return new Problem(Problem.TYPE_BASE + "vehicle-not-available", "Conflict", 409,
                "the vehicle is not available to order", List.of(new FieldError("vin", "status",
                listing.vehicle().listed() ? "vehicle is " + listing.status() : "vehicle is not listed")))
                .toException();
    }

    private static ProblemException staleQuote(String detail) {
        return new Problem(Problem.TYPE_BASE + "quote-stale", "Conflict", 409, detail + "; get a new quote",
                List.of(new FieldError("quoteId", "stale", detail))).toException();
    }

    private static ProblemException noSuchOrder() {
        return Problem.notFound("no such order").toException();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
