package dev.autocentric.listing;

import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.listing.VehicleValidator;
import dev.autocentric.shared.paging.PageCursor;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain core classes; one DynamoDB client per container, closed on shutdown. */
@Factory
public class ListingFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClientHolder dynamo(ListingSettings settings) {
        return new DynamoDbClientHolder(EarlyInit.dynamo(new DynamoClients.Settings(settings.awsRegion(),
                settings.awsEndpointUrl(), settings.accessKeyId(), settings.secretAccessKey())));
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ListingRepository listings(DynamoDbClientHolder dynamo, ListingSettings settings) {
        return new ListingRepository(dynamo.client(), settings.listingsTable());
    }

    /** The pricing function's market statistics, read for the deal rating in listing detail. */
    @Singleton
    MarketStatsRepository marketStats(DynamoDbClientHolder dynamo, ListingSettings settings) {
        return new MarketStatsRepository(dynamo.client(), settings.marketStatsTable());
    }

    @Singleton
    DealerRepository dealers(DynamoDbClientHolder dynamo, ListingSettings settings) {
        return new DealerRepository(dynamo.client(), settings.dealersTable());
    }

    /**
     * Cursor HMAC key: CURSOR_KEY when set; otherwise derived from ADMIN_TOKEN_SHA256, a secret
     * every deployment already has (a NoEcho template parameter), so cursors are unforgeable
     * without a second secret to manage. Rotating either invalidates outstanding cursors.
     */
    @Singleton
    PageCursor cursors(ListingSettings settings) {
        return PageCursor.forDeployment(settings.cursorKey(), settings.adminTokenSha256());
    }

    @Singleton
    DealerAuthenticator dealerAuthenticator(DealerRepository dealers) {
        return new DealerAuthenticator(dealers);
    }

    @Singleton
    InventoryService inventory(ListingRepository listings, PageCursor cursors, Clock clock) {
        return new InventoryService(listings, new VehicleValidator(clock), cursors, clock);
    }

    @Singleton
    DealerEnrolment enrolment(DealerRepository dealers, ListingSettings settings, Clock clock) {
        return new DealerEnrolment(dealers, settings.adminTokenSha256(), clock);
    }
}
