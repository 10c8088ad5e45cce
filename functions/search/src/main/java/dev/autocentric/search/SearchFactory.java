package dev.autocentric.search;

import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.paging.PageCursor;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the plain core classes; one DynamoDB client per container. */
@Factory
public class SearchFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClientHolder dynamo(SearchSettings settings) {
        return new DynamoDbClientHolder(EarlyInit.dynamo(new DynamoClients.Settings(settings.awsRegion(),
                settings.awsEndpointUrl(), settings.accessKeyId(), settings.secretAccessKey())));
    }

    @Singleton
    SearchEngine engine(DynamoDbClientHolder dynamo, SearchSettings settings) {
        return new SearchEngine(new DynamoIndexReader(dynamo.client(), settings.listingsTable()));
    }

    @Singleton
    SearchService service(SearchEngine engine, SearchSettings settings, DynamoDbClientHolder dynamo) {
        boolean rated = settings.marketStatsTable() != null && !settings.marketStatsTable().isBlank();
        return new SearchService(engine, PageCursor.forDeployment(settings.cursorKey(), settings.adminTokenSha256()),
                rated ? new MarketStatsRepository(dynamo.client(), settings.marketStatsTable()) : null);
    }
}
