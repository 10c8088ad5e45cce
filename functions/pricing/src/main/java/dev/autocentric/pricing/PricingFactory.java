package dev.autocentric.pricing;

import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.routing.DeliveryNetwork;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires the plain core classes; one DynamoDB client per container, closed on shutdown. */
@Factory
public class PricingFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClientHolder dynamo(PricingSettings settings) {
        return new DynamoDbClientHolder(EarlyInit.dynamo(new DynamoClients.Settings(settings.awsRegion(),
                settings.awsEndpointUrl(), settings.accessKeyId(), settings.secretAccessKey())));
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ListingRepository listings(DynamoDbClientHolder dynamo, PricingSettings settings) {
        return new ListingRepository(dynamo.client(), settings.listingsTable());
    }

    @Singleton
    DealerRepository dealers(DynamoDbClientHolder dynamo, PricingSettings settings) {
        return new DealerRepository(dynamo.client(), settings.dealersTable());
    }

    @Singleton
    MarketStatsRepository marketStats(DynamoDbClientHolder dynamo, PricingSettings settings) {
        return new MarketStatsRepository(dynamo.client(), settings.marketStatsTable());
    }

    @Singleton
    PriceHistoryRepository priceHistory(DynamoDbClientHolder dynamo, PricingSettings settings) {
        return new PriceHistoryRepository(dynamo.client(), settings.priceHistoryTable(), settings.listingsTable());
    }

    /** Delivery points loaded from the Dealers table's sparse index once per container (from init on), refreshed every 5 minutes. */
    @Singleton
    DynamoDeliveryNetwork deliveryNetwork(DynamoDbClientHolder dynamo, PricingSettings settings, Clock clock) {
        return new DynamoDeliveryNetwork(dynamo.client(), settings.dealersTable(), clock,
                Duration.ofSeconds(settings.deliveryPointsRefreshSeconds()));
    }

    @Singleton
    DealerAuthenticator dealerAuthenticator(DealerRepository dealers) {
        return new DealerAuthenticator(dealers);
    }

    /** Cursor HMAC key: CURSOR_KEY when set, else derived from ADMIN_TOKEN_SHA256, as the listing function does. */
    @Singleton
    PageCursor cursors(PricingSettings settings) {
        return PageCursor.forDeployment(settings.cursorKey(), settings.adminTokenSha256());
    }

    @Singleton
    QuoteSigner quoteSigner(PricingSettings settings, Clock clock) {
        return QuoteSigner.fromConfiguration(settings.quoteSigningKey(), settings.adminTokenSha256(), clock);
    }

    @Singleton
    EPriceService prices(ListingRepository listings, PriceHistoryRepository history, PageCursor cursors, Clock clock) {
        return new EPriceService(listings, history, cursors, clock);
    }

    @Singleton
    QuoteService quotes(ListingRepository listings, DeliveryNetwork network, QuoteSigner signer,
                        PricingSettings settings, Clock clock) {
        return new QuoteService(listings, network,
                new FeeSchedule(settings.transferRateCentsPerMile(), settings.transferMinimumCents(),
                        settings.transferCapCents()),
                signer, Duration.ofMinutes(settings.quoteTtlMinutes()), clock);
    }

}
