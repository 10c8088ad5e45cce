package dev.autocentric.search;

import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.listing.Listing;
import java.util.List;
import java.util.UUID;

/**
 * The search oracle through the real path: the corpus written to a Listings table created from
 * template.yaml in the emulator (moto over HTTP, BatchWriteItem with the table schema), and the
 * engine reading it with {@link DynamoIndexReader} and the real SDK client. Smaller than the
 * in-memory run (moto answers a Query in milliseconds per item it returns), the same checks.
 */
class SearchOracleOnEmulatorTest extends SearchOracleTest {

    @Override
    int corpusSize() {
        return Integer.getInteger("search.oracle.emulator.corpus", 5_000);
    }

    @Override
    int queries() {
        return Integer.getInteger("search.oracle.emulator.queries", 12);
    }

    @Override
    IndexReader reader(List<Listing> listings) {
        LocalAws aws = LocalAws.shared();
        String table = aws.createTables("tOracle" + UUID.randomUUID().toString().substring(0, 8)).get("ListingsTable");
        ListingCorpus.load(aws.dynamo(), table, listings, 4);
        return new DynamoIndexReader(aws.dynamo(), table);
    }
}
