package dev.autocentric.routing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires the plain core classes; one DynamoDB client and one delivery network per container. */
@Factory
public class RoutingFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClientHolder dynamo(RoutingSettings settings) {
        return new DynamoDbClientHolder(EarlyInit.dynamo(new DynamoClients.Settings(settings.awsRegion(),
                settings.awsEndpointUrl(), settings.accessKeyId(), settings.secretAccessKey())));
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DealerRepository dealers(DynamoDbClientHolder dynamo, RoutingSettings settings) {
        return new DealerRepository(dynamo.client(), settings.dealersTable());
    }

    @Singleton
    DynamoDeliveryNetwork deliveryNetwork(DynamoDbClientHolder dynamo, RoutingSettings settings, Clock clock) {
        return new DynamoDeliveryNetwork(dynamo.client(), settings.dealersTable(), clock,
                Duration.ofSeconds(settings.deliveryPointsRefreshSeconds()));
    }

    @Singleton
    RoutingService routing(DynamoDeliveryNetwork network, DealerRepository dealers) {
        return new RoutingService(network, dealers);
    }
}
