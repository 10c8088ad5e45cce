package dev.autocentric.pricing;

import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.dealer.Network;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.testing.GatewayCalls;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.vin.Vin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pricing function as Lambda runs it ({@link APIGatewayV2HTTPEventFunction} over an
 * application context), against the emulator with tables of its own, fed payload 2.0 events.
 * Dealers and listings are stored with the shared repositories the listing function writes with.
 */
final class PricingApi implements AutoCloseable {

    static final String ADMIN_TOKEN_SHA256 = DealerCredentials.sha256Hex("pricing-test-" + UUID.randomUUID());
    private static final AtomicLong VIN_SERIAL = new AtomicLong(System.nanoTime() % 100_000);

    final LocalAws aws = LocalAws.shared();
    final Map<String, String> tables;
    final ApplicationContext context;
    final GatewayCalls calls;
    final ListingRepository listings;
    final DealerRepository dealers;
    final MarketStatsRepository stats;
    final PriceHistoryRepository history;

    PricingApi(String testName) {
        this(testName, Map.of());
    }

    PricingApi(String testName, Map<String, Object> extra) {
        String prefix = "p" + testName + UUID.randomUUID().toString().substring(0, 8);
        tables = aws.createTables(prefix);
        Map<String, Object> properties = new HashMap<>();
        properties.put("listings.table", tables.get("ListingsTable"));
        properties.put("dealers.table", tables.get("DealersTable"));
        properties.put("price.history.table", tables.get("PriceHistoryTable"));
        properties.put("market.stats.table", tables.get("MarketStatsTable"));
        properties.put("admin.token.sha256", ADMIN_TOKEN_SHA256);
        properties.put("aws.endpoint.url", aws.endpoint().toString());
        properties.put("aws.region", aws.region());
        properties.put("autocentric.aws.access-key-id", "test");
        properties.put("autocentric.aws.secret-access-key", "test");
        // tests enrol dealers after the function starts (and loads the delivery points during init)
        properties.put("delivery.points.refresh.seconds", 0);
        properties.putAll(extra);
        context = ApplicationContext.builder().properties(properties).start();
        calls = new GatewayCalls(new APIGatewayV2HTTPEventFunction(context));
        listings = new ListingRepository(dynamo(), tables.get("ListingsTable"));
        dealers = new DealerRepository(dynamo(), tables.get("DealersTable"));
        stats = new MarketStatsRepository(dynamo(), tables.get("MarketStatsTable"));
        history = new PriceHistoryRepository(dynamo(), tables.get("PriceHistoryTable"), tables.get("ListingsTable"));
    }

    DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    GatewayCalls.Response send(String method, String pathAndQuery, String credential, String body) {
        return send(method, pathAndQuery, credential, body, Map.of());
    }

    /** Sends the request with {@code authorization: Bearer credential} (when there is one) and the extra headers. */
    GatewayCalls.Response send(String method, String pathAndQuery, String credential, String body,
                               Map<String, String> extra) {
        String authorization = credential == null ? null : "Bearer " + credential;
        return calls.send(method, pathAndQuery, GatewayCalls.authorizedBy(authorization, extra), body);
    }

    /** Enrols a GM delivery-point dealer straight into the table and answers its credential. */
    String enrol(String dealerId, String city, String zip, double lat, double lon) {
        DealerCredentials.Issued issued = DealerCredentials.issue(dealerId);
        dealers.create(new Dealer(dealerId, "Dealer " + dealerId, List.of("Chevrolet"), Network.GM, true,
                "1 Main St", city, "MI", zip, lat, lon, issued.salt(), issued.hash(), Instant.parse("2026-01-01T00:00:00Z")));
        return issued.credential();
    }

    String enrol(String dealerId) {
        return enrol(dealerId, "Detroit", "48226", 42.33181, -83.05035);
    }

    static String newVin() {
        String serial = String.format(Locale.ROOT, "%06d", VIN_SERIAL.incrementAndGet() % 1_000_000);
        return Vin.withCheckDigit("1G1ZD5ST0LF" + serial);
    }

    static Vehicle vehicle(String vin, String model, int year, int mileage, long msrpCents, long ePriceCents,
                           boolean listed) {
        return new Vehicle(vin, "S1", mileage > 1000 ? Condition.USED : Condition.NEW, year, "Chevrolet", model, "LT",
                BodyStyle.SEDAN, Fuel.GASOLINE, Drivetrain.FWD, Transmission.AUTOMATIC, "Summit White", "Jet Black",
                mileage, msrpCents, ePriceCents, listed, List.of("https://dealer.example/p/1.jpg"), List.of());
    }

    /** Stores a new AVAILABLE listing of the dealer, as the listing function's upsert would. */
    Listing list(String dealerId, Vehicle vehicle) {
        Dealer dealer = dealers.get(dealerId).orElseThrow();
        Instant now = Instant.now();
        Listing listing = new Listing(vehicle, dealerId, ListingStatus.AVAILABLE, 1, now, now, dealer.name(),
                dealer.city(), dealer.zip(), dealer.lat(), dealer.lon());
        listings.create(listing);
        return listing;
    }

    Listing list(String dealerId, long ePriceCents) {
        return list(dealerId, vehicle(newVin(), "Malibu", 2024, 12, 2_899_500, ePriceCents, true));
    }

    /** Every item of the listing and history tables, to show a refused request wrote nothing. */
    List<Map<String, AttributeValue>> snapshot() {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (String table : List.of(tables.get("ListingsTable"), tables.get("PriceHistoryTable"))) {
            dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(all::add);
        }
        all.sort(Comparator.comparing(Map::toString));
        return all;
    }

    @Override
    public void close() {
        context.close();
    }
}
