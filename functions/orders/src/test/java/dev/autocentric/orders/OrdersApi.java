package dev.autocentric.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.local.testkit.MovableClock;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.pricing.QuoteClaims;
import dev.autocentric.shared.pricing.QuoteLine;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.vin.Vin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders function as Lambda runs it ({@link APIGatewayV2HTTPEventFunction} over an
 * application context) against the emulator, with tables of its own made from template.yaml and
 * a movable clock. Dealers and listings are stored with the shared repositories the listing
 * function writes with; quotes are signed with the deployment's quote key, as the pricing
 * function signs them.
 */
final class OrdersApi implements AutoCloseable {

    static final String ADMIN_TOKEN_SHA256 = DealerCredentials.sha256Hex("orders-test-" + UUID.randomUUID());
    static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final AtomicLong VIN_SERIAL = new AtomicLong(System.nanoTime() % 100_000);

    final LocalAws aws = LocalAws.shared();
    final Map<String, String> tables;
    /** The function reads time through its Clock bean, which this movable one replaces. */
    final MovableClock clock = new MovableClock(START);
    final ApplicationContext context;
    final GatewayCalls calls;
    final ListingRepository listings;
    final DealerRepository dealers;
    final OrderStore store;
    final OrderLifecycle lifecycle;
    final QuoteSigner signer;
    final Map<String, String> credentials = new HashMap<>();

    OrdersApi(String testName) {
        String prefix = "o" + testName + UUID.randomUUID().toString().substring(0, 8);
        tables = aws.createTables(prefix);
        Map<String, Object> properties = new HashMap<>();
        properties.put("orders.table", tables.get("OrdersTable"));
        properties.put("listings.table", tables.get("ListingsTable"));
        properties.put("dealers.table", tables.get("DealersTable"));
        properties.put("idempotency.table", tables.get("IdempotencyTable"));
        properties.put("admin.token.sha256", ADMIN_TOKEN_SHA256);
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        context = ApplicationContext.builder().properties(properties).singletons(clock).start();
        calls = new GatewayCalls(new APIGatewayV2HTTPEventFunction(context));
        listings = new ListingRepository(dynamo(), tables.get("ListingsTable"));
        dealers = new DealerRepository(dynamo(), tables.get("DealersTable"));
        store = new OrderStore(dynamo(), tables.get("OrdersTable"), tables.get("ListingsTable"),
                tables.get("IdempotencyTable"));
        lifecycle = new OrderLifecycle(store, listings, clock);
        signer = QuoteSigner.fromConfiguration(null, ADMIN_TOKEN_SHA256, clock);
    }

    DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    GatewayCalls.Response send(String method, String path, Map<String, String> headers, String body) {
        return calls.send(method, path, headers, body);
    }

    GatewayCalls.Response asDealer(String dealerId, String method, String path) {
        return send(method, path, Map.of("authorization", "Bearer " + credentials.get(dealerId)), null);
    }

    GatewayCalls.Response asBuyer(String token, String method, String path) {
        return send(method, path, token == null ? Map.of() : Map.of("authorization", "Bearer " + token), null);
    }

    /** Enrols a GM delivery-point dealer straight into the table and keeps its credential. */
    void enrol(String dealerId, String city, String zip, double lat, double lon) {
        DealerCredentials.Issued issued = DealerCredentials.issue(dealerId);
        dealers.create(new Dealer(dealerId, "Dealer " + dealerId, List.of("Chevrolet"), Network.GM, true,
                "1 Main St", city, "MI", zip, lat, lon, issued.salt(), issued.hash(), START));
        credentials.put(dealerId, issued.credential());
    }

    static String newVin() {
        String serial = String.format(Locale.ROOT, "%06d", VIN_SERIAL.incrementAndGet() % 1_000_000);
        return Vin.withCheckDigit("1G1ZD5ST0LF" + serial);
    }

    /** Stores a new listed AVAILABLE Malibu of the dealer, as the listing function's upsert would. */
    Listing list(String dealerId, long ePriceCents) {
        Listing listing = unsaved(dealerId, ePriceCents);
        listings.create(listing);
        return listing;
    }

    /** A listing of the dealer with a new VIN, not stored. */
    Listing unsaved(String dealerId, long ePriceCents) {
        Dealer dealer = dealers.get(dealerId).orElseThrow();
        Vehicle vehicle = new Vehicle(newVin(), "S" + VIN_SERIAL.get(), Condition.NEW, 2024, "Chevrolet", "Malibu",
                "LT", BodyStyle.SEDAN, Fuel.GASOLINE, Drivetrain.FWD, Transmission.AUTOMATIC, "Summit White",
                "Jet Black", 12, 2_899_500, ePriceCents, true, List.of("https://dealer.example/p/1.jpg"), List.of());
        return new Listing(vehicle, dealerId, ListingStatus.AVAILABLE, 1, START, START, dealer.name(),
                dealer.city(), dealer.zip(), dealer.lat(), dealer.lon());
    }

    /** A quote id as the pricing function signs it: e-price, a transfer and the fixed fees. */
    String quote(Listing listing, String deliveryDealerId, String zip) {
        List<QuoteLine> lines = List.of(
                new QuoteLine("EPRICE", "Vehicle e-price", listing.vehicle().ePriceCents()),
                new QuoteLine("TRANSFER", "Transfer", 12_300),
                new QuoteLine("DOC", "Documentation fee", 19_900));
        long total = lines.stream().mapToLong(QuoteLine::amountCents).sum();
        Instant now = clock.instant();
        return signer.sign(new QuoteClaims(listing.vin(), listing.version(), listing.dealerId(), deliveryDealerId, zip,
                lines, total, now, now.plus(Duration.ofMinutes(30))));
    }

    static String orderBody(String vin, String quoteId, String zip) {
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", "Ann Buyer");
        buyer.put("email", "ann@example.com");
        buyer.put("phone", "+1 313 555 0123");
        buyer.put("zip", zip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("vin", vin);
        body.put("quoteId", quoteId);
        body.put("buyer", buyer);
        return Json.write(body);
    }

    GatewayCalls.Response place(String key, String body) {
        return send("POST", "/v1/orders", key == null ? Map.of() : Map.of("idempotency-key", key), body);
    }

    JsonNode placed(String key, String body) {
        GatewayCalls.Response r = place(key, body);
        if (r.status() != 201) {
            throw new AssertionError("expected 201: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Every item of the orders, listings and idempotency tables, to show a refused request wrote nothing. */
    List<Map<String, AttributeValue>> snapshot() {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (String table : List.of(tables.get("OrdersTable"), tables.get("ListingsTable"),
                tables.get("IdempotencyTable"))) {
            dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(all::add);
        }
        all.sort(Comparator.comparing(Map::toString));
        return all;
    }

    /** The orders stored for a VIN (a Scan: test only). */
    List<Map<String, AttributeValue>> ordersOf(String vin) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        dynamo().scanPaginator(b -> b.tableName(tables.get("OrdersTable")).consistentRead(true)
                        .filterExpression("vin = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS(vin))))
                .items().forEach(found::add);
        return found;
    }

    @Override
    public void close() {
        context.close();
    }
}
