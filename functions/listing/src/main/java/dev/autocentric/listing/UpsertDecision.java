package dev.autocentric.listing;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.http.HttpBodies;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import java.time.Instant;
import java.util.List;

/**
 * What an upsert does to the current listing, decided without I/O.
 *
 * <p>Rules: a new VIN becomes AVAILABLE at version 1; another dealer's VIN is a conflict; a
 * RESERVED or SOLD vehicle belongs to the order lifecycle (conflict); a WITHDRAWN one becomes
 * AVAILABLE again; an upsert that changes nothing writes nothing; every change adds 1 to the
 * version. {@code If-Match} must name the current version (412 otherwise, also when the VIN is new).
 */
public sealed interface UpsertDecision {

    /** The If-Match value {@code *}: any current version, but the vehicle must exist. */
    long ANY_VERSION = HttpBodies.ANY_VERSION;

    record Create(Listing listing) implements UpsertDecision {
    }

    record Replace(Listing listing, Listing expected) implements UpsertDecision {
    }

    record Unchanged(Listing listing) implements UpsertDecision {
    }

    record Refuse(Problem problem) implements UpsertDecision {
    }

    static UpsertDecision decide(Dealer dealer, Vehicle vehicle, Listing current, Long ifMatch, Instant now) {
        if (current == null) {
            if (ifMatch != null) {
                return new Refuse(Problem.preconditionFailed("If-Match names a version, but the VIN is not in stock"));
            }
            return new Create(new Listing(vehicle, dealer.dealerId(), ListingStatus.AVAILABLE, 1, now, now,
                    dealer.name(), dealer.city(), dealer.zip(), dealer.lat(), dealer.lon()));
        }
        if (!dealer.dealerId().equals(current.dealerId())) {
            return new Refuse(new Problem(Problem.TYPE_BASE + "vin-held-by-another-dealer", "Conflict", 409,
                    "this VIN is in another dealer's stock",
                    List.of(new FieldError("vin", "owned_by_other_dealer", "the VIN belongs to another dealer"))));
        }
        if (ifMatch != null && ifMatch != ANY_VERSION && ifMatch != current.version()) {
            return new Refuse(Problem.preconditionFailed(
                    "If-Match names version " + ifMatch + ", the current version is " + current.version()));
        }
        if (current.status() == ListingStatus.RESERVED || current.status() == ListingStatus.SOLD) {
            return new Refuse(new Problem(Problem.TYPE_BASE + "vehicle-in-order", "Conflict", 409,
                    "the vehicle is " + current.status() + "; an order owns it until the order ends",
                    List.of(new FieldError("status", "status", "vehicle is " + current.status()))));
        }
        boolean sameDealerFacts = eq(current.dealerName(), dealer.name()) && eq(current.dealerCity(), dealer.city())
                && eq(current.dealerZip(), dealer.zip()) && eq(current.dealerLat(), dealer.lat())
                && eq(current.dealerLon(), dealer.lon());
        if (current.status() == ListingStatus.AVAILABLE && current.vehicle().equals(vehicle) && sameDealerFacts) {
            return new Unchanged(current);
        }
        Listing next = current.withChange(vehicle, ListingStatus.AVAILABLE, now, dealer.name(), dealer.city(),
                dealer.zip(), dealer.lat(), dealer.lon());
        return new Replace(next, current);
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
