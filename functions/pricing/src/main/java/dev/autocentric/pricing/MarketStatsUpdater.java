package dev.autocentric.pricing;

import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository.Contribution;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.pricing.MarketSegment;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the market statistics and the price history in step with one listing change (a stream
 * record's old and new images), idempotently.
 *
 * <p>Statistics: each VIN's contribution (segment and e-price, or none) is stored with the listing
 * version it reflects. A record whose version is not newer than the stored contribution is a
 * replay and is skipped; a removed item drops its contribution; otherwise the contribution moves to what the new image says and the
 * segment totals move with it, in one conditional transaction (a lost race is re-read and
 * retried). A change that leaves the contribution as it was writes nothing.
 *
 * <p>History: a new image whose e-price differs from the old one (or the first image of a VIN)
 * records an entry for its version unless the price route already recorded it.
 */
public final class MarketStatsUpdater {

    private static final int RACE_ROUNDS = 5;

    private final MarketStatsRepository stats;
    private final PriceHistoryRepository history;

    public MarketStatsUpdater(MarketStatsRepository stats, PriceHistoryRepository history) {
        this.stats = stats;
        this.history = history;
    }

    /**
     * The changes of one stream batch: the contributions of all its VINs are read up front with
     * BatchGetItem and kept up to date as the batch is applied, so a record costs no read of its own.
     */
    public final class Batch {
        private final Map<String, Optional<Contribution>> known;

        private Batch(Map<String, Optional<Contribution>> known) {
            this.known = known;
        }

        public void apply(Listing oldImage, Listing newImage) {
            MarketStatsUpdater.this.apply(oldImage, newImage, known);
        }
    }

    public Batch batch(Collection<String> vins) {
        return new Batch(new HashMap<>(vins.isEmpty() ? Map.of() : stats.contributions(vins)));
    }

    public void apply(Listing oldImage, Listing newImage) {
        apply(oldImage, newImage, new HashMap<>());
    }

    private void apply(Listing oldImage, Listing newImage, Map<String, Optional<Contribution>> known) {
        if (oldImage == null && newImage == null) {
            return;
        }
        updateStats(newImage != null ? newImage.vin() : oldImage.vin(), newImage, known);
        if (newImage != null && (oldImage == null
                || oldImage.vehicle().ePriceCents() != newImage.vehicle().ePriceCents())) {
            history.recordIfAbsent(new PriceChange(newImage.vin(), newImage.version(),
                    newImage.vehicle().ePriceCents(), oldImage == null ? null : oldImage.vehicle().ePriceCents(),
                    newImage.dealerId(), newImage.updatedAt()));
        }
    }

    private void updateStats(String vin, Listing newImage, Map<String, Optional<Contribution>> known) {
        for (int round = 1; ; round++) {
            // the batch's read is good for the first round; after a lost race, read again
            Contribution before = (round == 1 && known.containsKey(vin) ? known.get(vin)
                    : stats.contribution(vin)).orElse(null);
            Contribution after = null;
            if (newImage == null) {
                if (before == null) {
                    return; // removed, and it counted nowhere
                }
            } else {
                if (before != null && before.version() >= newImage.version()) {
                    return; // a replay of a change already applied
                }
                Optional<String> segment = MarketSegment.countedIn(newImage);
                after = new Contribution(vin, newImage.version(), segment.orElse(null),
                        segment.isPresent() ? newImage.vehicle().ePriceCents() : 0);
                if (sameEffect(before, after)) {
                    return;
                }
            }
            if (stats.move(vin, before, after)) {
                known.put(vin, Optional.ofNullable(after));
                return;
            }
            known.remove(vin);
            if (round >= RACE_ROUNDS) {
                throw new IllegalStateException("contribution of " + vin + " kept changing");
            }
        }
    }

    /** Whether moving from before to after would leave every segment total as it is. */
    private static boolean sameEffect(Contribution before, Contribution after) {
        boolean beforeCounted = before != null && before.counted();
        boolean afterCounted = after != null && after.counted();
        if (!beforeCounted && !afterCounted) {
            return true;
        }
        return beforeCounted && afterCounted && Objects.equals(before.segment(), after.segment())
                && before.priceCents() == after.priceCents();
    }
}
