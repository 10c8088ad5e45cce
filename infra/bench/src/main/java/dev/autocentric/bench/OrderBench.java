package dev.autocentric.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.orders.Order;
import dev.autocentric.orders.OrderItems;
import dev.autocentric.orders.OrderService;
import dev.autocentric.orders.OrderStore;
import dev.autocentric.orders.OrderTokens;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.pricing.QuoteClaims;
import dev.autocentric.shared.pricing.QuoteLine;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.problem.ProblemException;
import dev.autocentric.shared.routing.GreatCircle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders (issue "orders", Must-show 5; DESIGN §9): placement latency, DynamoDB requests and write
 * units per order, the cost of a replay and of the seller's confirm and reject, and the
 * throughput of 50 buyers racing for one vehicle. The orders function's {@link OrderService} is
 * wired in-process exactly as {@code OrdersFactory} wires it, on SDK clients that count their
 * requests, against moto with the tables of template.yaml. Write units are computed from the
 * items written ({@link WriteUnits}), since moto's ConsumedCapacity is a fixed number.
 */
final class OrderBench {

    static final long SEED = 20261126L;
    static final int WARM_UP = 20;
    static final int BUYERS = 50;
    static final String SELLER = "bench-seller";
    static final String DELIVERY = "bench-delivery";
    static final String BUYER_ZIP = "60601";
    /** OrdersSettings' defaults: ORDER_HOLD_HOURS and IDEMPOTENCY_TTL_HOURS. */
    static final Duration HOLD = Duration.ofHours(48);
    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** The pricing function's default fee schedule (template parameters and FeeSchedule). */
    static final long RATE_CENTS_PER_MILE = 150;
    static final long TRANSFER_MINIMUM_CENTS = 9_900;
    static final long TRANSFER_CAP_CENTS = 149_900;
    static final long DOCUMENTATION_CENTS = 14_900;
    static final long DELIVERY_PREP_CENTS = 24_900;

    private final int placements;
    private final int rounds;
    private final int background;

    OrderBench(int placements, int rounds, int background) {
        this.placements = placements;
        this.rounds = rounds;
        this.background = background;
    }

    /**
     * One warm Lambda container of the orders function: its own DynamoDB client, counting requests
     * by operation, and the beans {@code OrdersFactory} makes on it (no QUOTE_SIGNING_KEY,
     * ORDER_TOKEN_KEY or CURSOR_KEY: every key derives from ADMIN_TOKEN_SHA256).
     */
    static final class Container {
        final RoutingBench.RequestCounter counter = new RoutingBench.RequestCounter();
        final DealerAuthenticator auth;
        final OrderService orders;

        Container(LocalAws aws, Map<String, String> tables, String adminTokenSha256, Clock clock) {
            DynamoDbClient client = RoutingBench.countingClient(aws.endpoint(), counter);
            ListingRepository listings = new ListingRepository(client, tables.get("ListingsTable"));
            DealerRepository dealers = new DealerRepository(client, tables.get("DealersTable"));
            auth = new DealerAuthenticator(dealers);
            OrderStore store = new OrderStore(client, tables.get("OrdersTable"), tables.get("ListingsTable"),
                    tables.get("IdempotencyTable"));
            orders = new OrderService(store, listings, dealers,
                    QuoteSigner.fromConfiguration(null, adminTokenSha256, clock),
                    OrderTokens.fromConfiguration(null, adminTokenSha256),
                    PageCursor.fromSecret("admin:" + adminTokenSha256), HOLD, IDEMPOTENCY_TTL, clock);
        }

        Map<String, Long> requests() {
            Map<String, Long> copy = new TreeMap<>();
            counter.byOperation.forEach((op, n) -> copy.put(op, n.get()));
            return copy;
        }
    }

    /** A placement: what was sent, the order it made, and how long the call took. */
    record Placement(Listing listing, String key, JsonNode body, String orderId, long nanos) {
    }

    /** An enrolled dealer and its credential. */
    record Enrolled(Dealer dealer, String credential) {
    }

    Report.Section run() throws Exception {
        // the function logs one INFO line per placement and per move; the bench keeps its own output readable
        if (LoggerFactory.getLogger("dev.autocentric.orders") instanceof ch.qos.logback.classic.Logger orders) {
            orders.setLevel(Level.WARN);
        }
        LocalAws aws = LocalAws.shared();
        Map<String, String> tables = aws.createTables("benchorders" + Long.toHexString(System.nanoTime()));
        String adminTokenSha256 = DealerCredentials.sha256Hex("bench-orders-" + UUID.randomUUID());
        Clock clock = Clock.systemUTC();
        QuoteSigner pricing = QuoteSigner.fromConfiguration(null, adminTokenSha256, clock);
        DealerRepository plainDealers = new DealerRepository(aws.dynamo(), tables.get("DealersTable"));
        ListingRepository plainListings = new ListingRepository(aws.dynamo(), tables.get("ListingsTable"));
        OrderStore plainStore = new OrderStore(aws.dynamo(), tables.get("OrdersTable"), tables.get("ListingsTable"),
                tables.get("IdempotencyTable"));

        // 1. two dealers, as OrdersApi.enrol stores them; the background and the seller's stock
        Enrolled enrolled = enrol(plainDealers, SELLER, "Detroit", "48226", 42.33181, -83.05035);
        Dealer seller = enrolled.dealer();
        String sellerCredential = enrolled.credential();
        Dealer delivery = enrol(plainDealers, DELIVERY, "Chicago", BUYER_ZIP, 41.88515, -87.62151).dealer();
        int stockNeeded = WARM_UP + placements + rounds + 1;
        List<Listing> corpus = ListingCorpus.generate(SEED, background + 2 * stockNeeded + 100);
        List<Listing> others = corpus.subList(0, background);
        List<Listing> stock = sellerStock(corpus.subList(background, corpus.size()), seller, stockNeeded);
        long loadStart = System.nanoTime();
        ListingCorpus.load(aws.dynamo(), tables.get("ListingsTable"), others, 4);
        ListingCorpus.load(aws.dynamo(), tables.get("ListingsTable"), stock, 4);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(Locale.ROOT, "bench orders: %,d background listings and %,d of the seller loaded in %.1f s%n",
                others.size(), stock.size(), loadSeconds);
        List<WriteUnits.Index> listingIndexes = WriteUnits.indexesOf(aws.dynamo(), tables.get("ListingsTable"));
        List<WriteUnits.Index> orderIndexes = WriteUnits.indexesOf(aws.dynamo(), tables.get("OrdersTable"));
        List<WriteUnits.Index> idempotencyIndexes = WriteUnits.indexesOf(aws.dynamo(), tables.get("IdempotencyTable"));
        List<Long> transfer = transfer(seller, delivery);
        int next = 0;

        // 2. one container; warm-up placements, replays and actions, not measured
        Container c = new Container(aws, tables, adminTokenSha256, clock);
        for (int i = 0; i < WARM_UP; i++) {
            Placement p = place(c, pricing, stock.get(next++), transfer, "Warm Buyer");
            c.orders.place(p.key(), p.body());
            c.orders.act(c.auth.authenticate("Bearer " + sellerCredential, SELLER), p.orderId(),
                    i % 2 == 0 ? "confirm" : "reject");
        }

        // 3. sequential placements, each a new vehicle and a new Idempotency-Key
        long[] placeNanos = new long[placements];
        List<Placement> placed = new ArrayList<>(placements);
        Set<Long> requestsPerPlacement = new HashSet<>();
        Map<String, Long> before = c.requests();
        for (int i = 0; i < placements; i++) {
            long requestsBefore = c.counter.total();
            Placement p = place(c, pricing, stock.get(next++), transfer, "Ann Buyer");
            requestsPerPlacement.add(c.counter.total() - requestsBefore);
            placeNanos[i] = p.nanos();
            placed.add(p);
        }
        Map<String, Long> placeRequests = minus(c.requests(), before);
        Latency placeLatency = Latency.of(placeNanos);
        System.out.printf(Locale.ROOT, "bench orders: %d placements, median %.1f ms, p99 %.1f ms, requests %s%n",
                placements, placeLatency.median(), placeLatency.p99(), placeRequests);

        // replays: every key sent again with its body
        long[] replayNanos = new long[placements];
        before = c.requests();
        for (int i = 0; i < placements; i++) {
            Placement p = placed.get(i);
            long t = System.nanoTime();
            OrderService.Placed again = c.orders.place(p.key(), p.body());
            replayNanos[i] = System.nanoTime() - t;
            if (!again.replayed() || !again.orderId().equals(p.orderId())) {
                throw new IllegalStateException("the replay of " + p.key() + " was not the first answer");
            }
        }
        Map<String, Long> replayRequests = minus(c.requests(), before);

        // write units of each placement, from the items as written (read back outside the measurements)
        List<WriteUnits.Cost[]> placementCosts = new ArrayList<>();
        for (Placement p : placed) {
            Listing reserved = plainListings.get(p.listing().vin()).orElseThrow();
            Order order = plainStore.get(p.orderId()).orElseThrow();
            Map<String, AttributeValue> record = aws.dynamo().getItem(b -> b.tableName(tables.get("IdempotencyTable"))
                    .key(Map.of("idempotencyKey", AttributeValue.fromS("orders:" + p.key()))).consistentRead(true))
                    .item();
            placementCosts.add(new WriteUnits.Cost[] {
                    WriteUnits.put(listingItem(p.listing()), listingItem(reserved), true, listingIndexes),
                    WriteUnits.put(null, OrderItems.toItem(order), true, orderIndexes),
                    WriteUnits.put(null, record, true, idempotencyIndexes)});
        }

        // 4. the seller's action on each order: confirm (even) or reject (odd), as the dealer endpoint runs them
        List<Long> confirmNanos = new ArrayList<>();
        List<Long> rejectNanos = new ArrayList<>();
        Map<String, Long> confirmRequests = new TreeMap<>();
        Map<String, Long> rejectRequests = new TreeMap<>();
        List<WriteUnits.Cost[]> confirmCosts = new ArrayList<>();
        List<WriteUnits.Cost[]> rejectCosts = new ArrayList<>();
        for (int i = 0; i < placements; i++) {
            Placement p = placed.get(i);
            boolean confirm = i % 2 == 0;
            Order orderBefore = plainStore.get(p.orderId()).orElseThrow();
            Listing listingBefore = plainListings.get(p.listing().vin()).orElseThrow();
            before = c.requests();
            long t = System.nanoTime();
            Dealer dealer = c.auth.authenticate("Bearer " + sellerCredential, SELLER);
            Order after = c.orders.act(dealer, p.orderId(), confirm ? "confirm" : "reject").order();
            (confirm ? confirmNanos : rejectNanos).add(System.nanoTime() - t);
            minus(c.requests(), before).forEach((op, n) -> (confirm ? confirmRequests : rejectRequests).merge(op, n, Long::sum));
            WriteUnits.Cost orderCost = WriteUnits.put(OrderItems.toItem(orderBefore), OrderItems.toItem(after), !confirm,
                    orderIndexes);
            if (confirm) {
                confirmCosts.add(new WriteUnits.Cost[] {orderCost});
            } else {
                Listing released = plainListings.get(p.listing().vin()).orElseThrow();
                rejectCosts.add(new WriteUnits.Cost[] {
                        WriteUnits.put(listingItem(listingBefore), listingItem(released), true, listingIndexes), orderCost});
            }
        }

        // 5. 50 buyers at once for one vehicle, one container each (Lambda runs one request per container)
        Concurrency race = race(aws, tables, adminTokenSha256, clock, pricing, plainListings,
                stock.subList(next, next + rounds + 1), transfer);

        // figures and text
        Latency replayLatency = Latency.of(replayNanos);
        Latency confirmLatency = Latency.of(confirmNanos.stream().mapToLong(Long::longValue).toArray());
        Latency rejectLatency = Latency.of(rejectNanos.stream().mapToLong(Long::longValue).toArray());
        Map<String, Double> placePer = per(placeRequests, placements);
        Map<String, Double> replayPer = per(replayRequests, placements);
        Map<String, Double> confirmPer = per(confirmRequests, confirmNanos.size());
        Map<String, Double> rejectPer = per(rejectRequests, rejectNanos.size());
        Units placeUnits = new Units(placementCosts);
        Units confirmUnits = new Units(confirmCosts);
        Units rejectUnits = new Units(rejectCosts);

        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("runAt", Instant.now().toString());
        f.put("placements", placements);
        f.put("warmUpPlacements", WARM_UP);
        f.put("backgroundListings", background);
        f.put("sellerListings", stock.size());
        f.put("loadSeconds", SearchBench.round(loadSeconds));
        f.put("latencyIsMotoOnThisMachine", true);
        operation(f.putObject("placement"), placeLatency, placePer, placeUnits)
                .put("requestsPerPlacementAlwaysTheSame", requestsPerPlacement.size() == 1);
        operation(f.putObject("replay"), replayLatency, replayPer, null);
        operation(f.putObject("confirm"), confirmLatency, confirmPer, confirmUnits);
        operation(f.putObject("reject"), rejectLatency, rejectPer, rejectUnits);
        f.put("writeUnitModel", MODEL);
        race.figures(f.putObject("concurrency"));

        String md = String.format(Locale.ROOT, """
                What it costs to place an order. The orders function's `OrderService` is built in the bench \
                process the way `OrdersFactory` builds it, on a DynamoDB client that counts its requests by \
                operation, against moto with the tables of template.yaml. The Listings table holds %,d \
                background listings of the generated corpus plus the %,d vehicles of one seller (corpus \
                vehicles moved to a Detroit dealer); the buyer is in Chicago, delivered by a Chicago dealer. \
                Each placement orders a different vehicle with a new Idempotency-Key and a quote signed as the \
                pricing function signs it (signing is not timed); %d placements warm up first and are not \
                counted. Then each key is sent again (a replay), and the seller confirms the even orders and \
                rejects the odd ones (dealer authentication included). Times are of the service call, without \
                the Lambda and HTTP layers, and are **moto's on this machine**: the emulator (which serves one \
                DynamoDB request at a time) dominates them, so they say nothing about DynamoDB's own latency.

                | | n | median | p90 | p99 | max | DynamoDB requests each |
                |---|---:|---:|---:|---:|---:|---|
                %s%s%s%s
                Write units, computed from the items as written (moto's ConsumedCapacity is a fixed number): \
                %s

                | write | item bytes written | table WCU | GSI writes (WCU) | total WCU |
                |---|---:|---:|---|---:|
                %s
                %s

                %s""", background, stock.size(), WARM_UP,
                placeLatency.row("placement", placePer), replayLatency.row("replay of a key", replayPer),
                confirmLatency.row("seller confirms (PutItem)", confirmPer),
                rejectLatency.row("seller rejects (2-item transaction)", rejectPer), MODEL,
                placeUnits.rows("placement", List.of("listing AVAILABLE → RESERVED (in the transaction)",
                        "order, new (in the transaction)", "idempotency record, new (in the transaction)")),
                confirmUnits.rows("confirm", List.of("order PLACED → CONFIRMED (PutItem)")) + "\n"
                        + rejectUnits.rows("reject", List.of("listing RESERVED → AVAILABLE (in the transaction)",
                        "order PLACED → REJECTED (in the transaction)")),
                race.markdown());
        return new Report.Section("orders", f, md);
    }

    static final String MODEL = "item size = Σ over attributes of (name in UTF-8 + value): a string its UTF-8 bytes, a "
            + "number ≈ (significant digits + 1) / 2 + 1, a boolean or null 1, a list or map 3 + 1 per element + its "
            + "elements (map entries count their names). A write costs ceil(size / 1 KiB) WCU, sized by the larger of "
            + "the old and the new item when it replaces one, twice that inside TransactWriteItems. Each global "
            + "secondary index (all are projection ALL, from template.yaml) whose key the old or the new item carries "
            + "is a standard write: a put of ceil(new size / 1 KiB) where the new item has the key, a delete (1 WCU) "
            + "where only the old item had it, both when the key changed.";

    // ------------------------------------------------------------------ setup

    /** Enrols a GM delivery-point dealer straight into the table, as OrdersApi.enrol does. */
    private static Enrolled enrol(DealerRepository dealers, String dealerId, String city, String zip, double lat,
                                  double lon) {
        DealerCredentials.Issued issued = DealerCredentials.issue(dealerId);
        Dealer dealer = new Dealer(dealerId, "Dealer " + dealerId, List.of("Chevrolet"), Network.GM, true,
                "1 Main St", city, "MI", zip, lat, lon, issued.salt(), issued.hash(), Instant.now());
        dealers.create(dealer);
        return new Enrolled(dealer, issued.credential());
    }

    /** Listed corpus vehicles (not in the background), moved to the seller, AVAILABLE at version 1. */
    private static List<Listing> sellerStock(List<Listing> spare, Dealer seller, int count) {
        List<Listing> stock = new ArrayList<>(count);
        Set<String> vins = new HashSet<>();
        for (Listing l : spare) {
            if (stock.size() == count) {
                break;
            }
            if (l.vehicle().listed() && vins.add(l.vin())) {
                stock.add(new Listing(l.vehicle(), seller.dealerId(), ListingStatus.AVAILABLE, 1, l.createdAt(),
                        l.updatedAt(), seller.name(), seller.city(), seller.zip(), seller.lat(), seller.lon()));
            }
        }
        if (stock.size() < count) {
            throw new IllegalStateException("the corpus has too few listed vehicles for the seller");
        }
        return stock;
    }

    /** The quote's fixed lines after the e-price: the transfer fee (FeeSchedule's formula), documentation, preparation. */
    private static List<Long> transfer(Dealer seller, Dealer delivery) {
        long tenths = Math.round(GreatCircle.miles(seller.lat(), seller.lon(), delivery.lat(), delivery.lon()) * 10);
        long fee = Math.min(TRANSFER_CAP_CENTS, Math.max(TRANSFER_MINIMUM_CENTS, (tenths * RATE_CENTS_PER_MILE + 5) / 10));
        return List.of(tenths, fee);
    }

    /** A quote id for the vehicle, as the pricing function signs one for a buyer in {@value #BUYER_ZIP}. */
    private static String quote(QuoteSigner pricing, Listing listing, List<Long> transfer) {
        long tenths = transfer.get(0);
        List<QuoteLine> lines = List.of(
                new QuoteLine("EPRICE", "E-price", listing.vehicle().ePriceCents()),
                new QuoteLine("TRANSFER", String.format(Locale.ROOT, "Transfer from %s to Chicago (%d.%d mi)",
                        listing.dealerCity(), tenths / 10, tenths % 10), transfer.get(1)),
                new QuoteLine("DOCUMENTATION", "Documentation fee", DOCUMENTATION_CENTS),
                new QuoteLine("DELIVERY_PREP", "Delivery inspection and preparation", DELIVERY_PREP_CENTS));
        long total = lines.stream().mapToLong(QuoteLine::amountCents).sum();
        Instant now = Instant.now();
        return pricing.sign(new QuoteClaims(listing.vin(), listing.version(), listing.dealerId(), DELIVERY, BUYER_ZIP,
                lines, total, now, now.plus(Duration.ofMinutes(30))));
    }

    private static JsonNode body(Listing listing, String quoteId, String buyerName) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("vin", listing.vin());
        body.put("quoteId", quoteId);
        body.putObject("buyer").put("name", buyerName).put("email", "ann.buyer@example.com")
                .put("phone", "+1 313 555 0123").put("zip", BUYER_ZIP);
        return body;
    }

    /** Places an order of the vehicle with a new key and a fresh quote (the quote is not timed). */
    private static Placement place(Container c, QuoteSigner pricing, Listing listing, List<Long> transfer,
                                   String buyer) {
        JsonNode body = body(listing, quote(pricing, listing, transfer), buyer);
        String key = UUID.randomUUID().toString();
        long t = System.nanoTime();
        OrderService.Placed placed = c.orders.place(key, body);
        long elapsed = System.nanoTime() - t;
        if (placed.status() != 201 || placed.replayed()) {
            throw new IllegalStateException("placement answered " + placed.status() + ": " + placed.body());
        }
        return new Placement(listing, key, body, placed.orderId(), elapsed);
    }

    private static Map<String, AttributeValue> listingItem(Listing listing) {
        return ListingTableSchema.SCHEMA.itemToMap(listing, true);
    }

    // ------------------------------------------------------------------ the race

    /** What one buyer of a round saw. */
    record Attempt(int status, long start, long end, long transactions, long requests) {

        long nanos() {
            return end - start;
        }

        /**
         * Rounds of the placement loop: each round either sends the transaction or ends the call, so a
         * 201 took as many rounds as transactions, a 503 (given up after the last cancelled one) too,
         * and any other answer one more (the round that read the vehicle reserved and stopped).
         */
        long rounds() {
            return transactions + (status == 201 || status == 503 ? 0 : 1);
        }
    }

    /** The race: rounds of {@value #BUYERS} buyers of one vehicle; the first round warms up. */
    private Concurrency race(LocalAws aws, Map<String, String> tables, String adminTokenSha256, Clock clock,
                             QuoteSigner pricing, ListingRepository plainListings, List<Listing> vehicles,
                             List<Long> transfer) throws Exception {
        List<Container> containers = new ArrayList<>(BUYERS);
        for (int i = 0; i < BUYERS; i++) {
            containers.add(new Container(aws, tables, adminTokenSha256, clock));
        }
        ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
        CyclicBarrier barrier = new CyclicBarrier(BUYERS);
        Concurrency result = new Concurrency(rounds);
        try {
            for (int round = 0; round <= rounds; round++) {
                Listing listing = vehicles.get(round);
                String quoteId = quote(pricing, listing, transfer);
                List<Future<Attempt>> futures = new ArrayList<>(BUYERS);
                for (int i = 0; i < BUYERS; i++) {
                    Container c = containers.get(i);
                    JsonNode body = body(listing, quoteId, "Buyer " + i);
                    String key = UUID.randomUUID().toString();
                    futures.add(pool.submit(() -> {
                        Map<String, Long> before = c.requests();
                        barrier.await();
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = c.orders.place(key, body).status();
                        } catch (ProblemException e) {
                            status = e.problem().status();
                        } catch (RuntimeException e) {
                            System.err.println("bench orders: a buyer failed: " + e);
                            status = -1;
                        }
                        long end = System.nanoTime();
                        Map<String, Long> used = minus(c.requests(), before);
                        return new Attempt(status, start, end, used.getOrDefault("TransactWriteItems", 0L),
                                used.values().stream().mapToLong(Long::longValue).sum());
                    }));
                }
                List<Attempt> attempts = new ArrayList<>(BUYERS);
                for (Future<Attempt> future : futures) {
                    attempts.add(future.get());
                }
                long won = attempts.stream().filter(a -> a.status() == 201).count();
                Listing after = plainListings.get(listing.vin()).orElseThrow();
                if (won != 1 || after.status() != ListingStatus.RESERVED || after.version() != listing.version() + 1) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "round %d: %d placements succeeded (statuses %s), the listing is %s at version %d",
                            round, won, attempts.stream().map(Attempt::status).sorted().toList(), after.status(),
                            after.version()));
                }
                if (round > 0) {
                    result.add(attempts);
                }
                System.out.printf(Locale.ROOT, "bench orders: race round %d%s: %.0f ms, statuses %s%n", round,
                        round == 0 ? " (warm-up)" : "", Concurrency.wallNanos(attempts) / 1e6,
                        attempts.stream().collect(Collectors.groupingBy(Attempt::status, TreeMap::new,
                                Collectors.counting())));
            }
        } finally {
            pool.shutdownNow();
        }
        return result;
    }

    /** The measured rounds of the race. */
    static final class Concurrency {
        final int rounds;
        final List<Double> wallMillis = new ArrayList<>();
        final List<Double> perSecond = new ArrayList<>();
        final Map<Integer, Long> statuses = new TreeMap<>();
        final Map<Long, Long> loserRounds = new TreeMap<>();
        final Map<Long, Long> winnerRounds = new TreeMap<>();
        final List<Double> transactionsPerRound = new ArrayList<>();
        final List<Double> requestsPerRound = new ArrayList<>();
        final List<Long> answerNanos = new ArrayList<>();
        long losersThatTransacted;
        long losers;

        Concurrency(int rounds) {
            this.rounds = rounds;
        }

        static long wallNanos(List<Attempt> attempts) {
            long start = attempts.stream().mapToLong(Attempt::start).min().orElse(0);
            long end = attempts.stream().mapToLong(Attempt::end).max().orElse(0);
            return end - start;
        }

        void add(List<Attempt> attempts) {
            double wall = wallNanos(attempts) / 1e6;
            wallMillis.add(wall);
            perSecond.add(attempts.size() / (wall / 1000));
            transactionsPerRound.add((double) attempts.stream().mapToLong(Attempt::transactions).sum());
            requestsPerRound.add((double) attempts.stream().mapToLong(Attempt::requests).sum());
            for (Attempt a : attempts) {
                answerNanos.add(a.nanos());
                statuses.merge(a.status(), 1L, Long::sum);
                if (a.status() == 201) {
                    winnerRounds.merge(a.rounds(), 1L, Long::sum);
                } else {
                    losers++;
                    losersThatTransacted += a.transactions() > 0 ? 1 : 0;
                    loserRounds.merge(a.rounds(), 1L, Long::sum);
                }
            }
        }

        double overallPerSecond() {
            return wallMillis.size() * BUYERS / (wallMillis.stream().mapToDouble(Double::doubleValue).sum() / 1000);
        }

        Latency answerLatency() {
            return Latency.of(answerNanos.stream().mapToLong(Long::longValue).toArray());
        }

        double meanLoserRounds() {
            return loserRounds.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum() / Math.max(1, losers);
        }

        void figures(ObjectNode node) {
            node.put("rounds", rounds);
            node.put("buyersPerRound", BUYERS);
            node.put("warmUpRounds", 1);
            node.put("successesPerRound", 1);
            node.put("roundWallMillisMedian", SearchBench.round(SearchBench.median(wallMillis)));
            node.put("roundWallMillisMax", SearchBench.round(wallMillis.stream().mapToDouble(d -> d).max().orElse(0)));
            node.put("placementsAnsweredPerSecondMedian", SearchBench.round(SearchBench.median(perSecond)));
            node.put("placementsAnsweredPerSecondMin", SearchBench.round(perSecond.stream().mapToDouble(d -> d).min().orElse(0)));
            node.put("placementsAnsweredPerSecondOverall", SearchBench.round(overallPerSecond()));
            Latency answer = answerLatency();
            ObjectNode l = node.putObject("answerLatencyMillis");
            l.put("median", SearchBench.round(answer.median()));
            l.put("p99", SearchBench.round(answer.p99()));
            l.put("max", SearchBench.round(answer.max()));
            ObjectNode byStatus = node.putObject("answersByStatus");
            statuses.forEach((s, n) -> byStatus.put(Integer.toString(s), n));
            ObjectNode loser = node.putObject("loserAttempts");
            loserRounds.forEach((k, n) -> loser.put(Long.toString(k), n));
            node.put("loserAttemptsMean", SearchBench.round(meanLoserRounds()));
            ObjectNode winner = node.putObject("winnerAttempts");
            winnerRounds.forEach((k, n) -> winner.put(Long.toString(k), n));
            node.put("losersThatSentTheTransaction", losersThatTransacted);
            node.put("transactWriteItemsPerRoundMedian", SearchBench.median(transactionsPerRound));
            node.put("requestsPerRoundMedian", SearchBench.median(requestsPerRound));
        }

        String markdown() {
            String attempts = loserRounds.entrySet().stream()
                    .map(e -> e.getValue() + " after " + e.getKey() + (e.getKey() == 1 ? " attempt" : " attempts"))
                    .collect(Collectors.joining(", "));
            String winners = winnerRounds.entrySet().stream()
                    .map(e -> e.getValue() + " at attempt " + e.getKey()).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, """
                    Concurrency (as OrderConcurrencyTest, measured): %d rounds of %d buyers ordering one vehicle \
                    with different keys, each in its own warm container (own client; Lambda runs one request per \
                    container), released together by a barrier; one round warms up first. Every round had exactly \
                    one success (checked: one 201, the listing RESERVED one version later), or the bench fails.

                    | | median | worst |
                    |---|---:|---:|
                    | round wall time (first start to last answer) | %.0f ms | %.0f ms |
                    | placements answered per second | %.0f | %.0f |
                    | one buyer's answer (all rounds) | %.0f ms | p99 %.0f ms, max %.0f ms |

                    Over all rounds: %.0f placements answered per second; answers by status %s. Attempts (rounds of \
                    the placement loop; each either sends the transaction or ends the call) of the %d losers: %s (mean %.2f); \
                    %d of them got as far as sending the transaction and had it cancelled. The winners: %s. \
                    Median per round: %.0f TransactWriteItems and %.0f DynamoDB requests for the %d answers.
                    """, rounds, BUYERS, SearchBench.median(wallMillis),
                    wallMillis.stream().mapToDouble(d -> d).max().orElse(0), SearchBench.median(perSecond),
                    perSecond.stream().mapToDouble(d -> d).min().orElse(0), answerLatency().median(),
                    answerLatency().p99(), answerLatency().max(), overallPerSecond(), statuses, losers,
                    attempts, meanLoserRounds(), losersThatTransacted, winners,
                    SearchBench.median(transactionsPerRound), SearchBench.median(requestsPerRound), BUYERS);
        }
    }

    // ------------------------------------------------------------------ figures

    /** Latency in milliseconds. */
    record Latency(int n, double median, double p90, double p99, double max) {

        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(sorted.length, SearchBench.percentile(sorted, 0.5) / 1e6,
                    SearchBench.percentile(sorted, 0.9) / 1e6, SearchBench.percentile(sorted, 0.99) / 1e6,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }

        String row(String label, Map<String, Double> requests) {
            return String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |%n", label, n,
                    median, p90, p99, max, describe(requests));
        }
    }

    /** The write units of one kind of operation: its item writes over every time it ran. */
    record Units(List<WriteUnits.Cost[]> costs) {

        /** One row per item write, then the operation's total. */
        String rows(String operation, List<String> labels) {
            StringBuilder md = new StringBuilder();
            for (int i = 0; i < labels.size(); i++) {
                int item = i;
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", labels.get(i),
                        range(c -> c[item].bytes()), range(c -> c[item].tableUnits()), indexWrites(item),
                        range(c -> c[item].total())));
            }
            md.append(String.format(Locale.ROOT, "| **per %s** | %s | **%s** | **%s** | **%s** |", operation,
                    range(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::bytes).sum()),
                    range(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::tableUnits).sum()),
                    range(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::gsiUnits).sum()),
                    range(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::total).sum())));
            return md.toString();
        }

        /** The index writes of one item, the most common pattern first (with how often when not always). */
        private String indexWrites(int item) {
            Map<String, Long> patterns = costs.stream().collect(Collectors.groupingBy(
                    c -> c[item].indexes().isEmpty() ? "none" : c[item].indexes().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                            + " = " + c[item].gsiUnits(),
                    LinkedHashMap::new, Collectors.counting()));
            return patterns.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getValue() == costs.size() ? e.getKey() : e.getKey() + " (" + e.getValue() + "×)")
                    .collect(Collectors.joining("; "));
        }

        private String range(Function<WriteUnits.Cost[], Long> figure) {
            long min = costs.stream().mapToLong(figure::apply).min().orElse(0);
            long max = costs.stream().mapToLong(figure::apply).max().orElse(0);
            return min == max ? String.format(Locale.ROOT, "%,d", min) : String.format(Locale.ROOT, "%,d–%,d", min, max);
        }

        void figures(ObjectNode node) {
            node.put("tableWcuMedian", median(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::tableUnits).sum()));
            node.put("gsiWcuMedian", median(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::gsiUnits).sum()));
            node.put("totalWcuMedian", median(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::total).sum()));
            node.put("totalWcuMax", costs.stream().mapToLong(c -> Arrays.stream(c).mapToLong(WriteUnits.Cost::total)
                    .sum()).max().orElse(0));
            var items = node.putArray("items");
            for (int i = 0; i < costs.get(0).length; i++) {
                int item = i;
                ObjectNode o = items.addObject();
                o.put("bytesMedian", median(c -> c[item].bytes()));
                o.put("bytesMax", costs.stream().mapToLong(c -> c[item].bytes()).max().orElse(0));
                o.put("tableWcuMedian", median(c -> c[item].tableUnits()));
                o.put("gsiWcuMedian", median(c -> c[item].gsiUnits()));
                o.put("indexWrites", indexWrites(item));
            }
        }

        private double median(Function<WriteUnits.Cost[], Long> figure) {
            return SearchBench.median(costs.stream().map(c -> (double) figure.apply(c)).toList());
        }
    }

    private static ObjectNode operation(ObjectNode node, Latency latency, Map<String, Double> requests, Units units) {
        node.put("count", latency.n());
        ObjectNode l = node.putObject("latencyMillis");
        l.put("median", SearchBench.round(latency.median()));
        l.put("p90", SearchBench.round(latency.p90()));
        l.put("p99", SearchBench.round(latency.p99()));
        l.put("max", SearchBench.round(latency.max()));
        node.put("dynamoRequestsEach", SearchBench.round(requests.values().stream().mapToDouble(d -> d).sum()));
        ObjectNode ops = node.putObject("dynamoRequestsEachByOperation");
        requests.forEach((op, n) -> ops.put(op, SearchBench.round(n)));
        if (units != null) {
            units.figures(node.putObject("writeUnits"));
        }
        return node;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((op, n) -> {
            long d = n - before.getOrDefault(op, 0L);
            if (d != 0) {
                out.put(op, d);
            }
        });
        return out;
    }

    private static Map<String, Double> per(Map<String, Long> totals, int count) {
        Map<String, Double> out = new TreeMap<>();
        totals.forEach((op, n) -> out.put(op, n / (double) Math.max(1, count)));
        return out;
    }

    private static String describe(Map<String, Double> requests) {
        double total = requests.values().stream().mapToDouble(d -> d).sum();
        return String.format(Locale.ROOT, "%s: %s", number(total), requests.entrySet().stream()
                .map(e -> number(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(" + ")));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
