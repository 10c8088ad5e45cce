package dev.autocentric.search;

import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.geo.GeoBox;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.http.ColdStartWarmUp;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.search.SearchKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * On the early thread: the ZIP table (a search around a ZIP reads it; loading it is the largest
 * part of a cold first search), geohash cells, the index reader's and market statistics' tables,
 * and a problem answer's JSON.
 */
public final class SearchWarmUp implements ColdStartWarmUp {

    @Override
    public void warm(DynamoDbClient client) {
        ZipCentroid detroit = ZipCentroids.get().find("48226").orElseThrow();
        GeoBox.ofGeohash(SearchKeys.geohash(detroit.lat(), detroit.lon(), SearchKeys.CELL_PRECISION));
        new DynamoIndexReader(client, "warm-up");
        new MarketStatsRepository(client, "warm-up");
        Json.write(Problem.notFound("warm-up"));
    }
}
