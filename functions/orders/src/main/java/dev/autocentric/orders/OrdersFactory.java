package dev.autocentric.orders;

import dev.autocentric.shared.dealer.DealerAuthenticator;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.pricing.QuoteSigner;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires the plain core classes; one DynamoDB client per container, closed on shutdown. */
@Factory
public class OrdersFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClientHolder dynamo(OrdersSettings settings) {
        return new DynamoDbClientHolder(EarlyInit.dynamo(new DynamoClients.Settings(settings.awsRegion(),
                settings.awsEndpointUrl(), settings.accessKeyId(), settings.secretAccessKey())));
    }

    /** The system clock; a test registers a movable one, which wins over this secondary bean. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ListingRepository listings(DynamoDbClientHolder dynamo, OrdersSettings settings) {
        return new ListingRepository(dynamo.client(), settings.listingsTable());
    }

    @Singleton
    DealerRepository dealers(DynamoDbClientHolder dynamo, OrdersSettings settings) {
        return new DealerRepository(dynamo.client(), settings.dealersTable());
    }

    @Singleton
    DealerAuthenticator dealerAuthenticator(DealerRepository dealers) {
        return new DealerAuthenticator(dealers);
    }

    @Singleton
    OrderStore orderStore(DynamoDbClientHolder dynamo, OrdersSettings settings) {
        return new OrderStore(dynamo.client(), settings.ordersTable(), settings.listingsTable(),
                settings.idempotencyTable());
    }

    @Singleton
    OrderService orders(OrderStore store, ListingRepository listings, DealerRepository dealers,
                        OrdersSettings settings, Clock clock) {
        return new OrderService(store, listings, dealers,
                QuoteSigner.fromConfiguration(settings.quoteSigningKey(), settings.adminTokenSha256(), clock),
                OrderTokens.fromConfiguration(settings.orderTokenKey(), settings.adminTokenSha256()),
                PageCursor.forDeployment(settings.cursorKey(), settings.adminTokenSha256()), Duration.ofHours(settings.orderHoldHours()),
                Duration.ofHours(settings.idempotencyTtlHours()), clock);
    }
}
