package dev.autocentric.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.pricing.QuoteClaims;
import dev.autocentric.shared.pricing.QuoteLine;
import dev.autocentric.shared.pricing.QuoteSigner;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.routing.DeliveryNetwork;
import dev.autocentric.shared.routing.DeliveryPoint;
import dev.autocentric.shared.routing.NearbyDealer;
import dev.autocentric.shared.routing.TransferLeg;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A delivered-price quote: the vehicle's e-price, the transfer fee for the leg from its selling
 * dealer to the delivery dealer nearest the buyer's ZIP, and the fixed fees (see
 * {@link FeeSchedule}), signed into a {@code quoteId} that expires (30 minutes by default).
 *
 * <p>A VIN not in the marketplace is 404; a vehicle that is not listed and AVAILABLE is 409; a
 * missing, malformed or unknown ZIP is 400.
 */
public final class QuoteService {

    private final ListingRepository listings;
    private final DeliveryNetwork network;
    private final FeeSchedule fees;
    private final QuoteSigner signer;
    private final Duration validity;
    private final Clock clock;

    public QuoteService(ListingRepository listings, DeliveryNetwork network, FeeSchedule fees, QuoteSigner signer,
                        Duration validity, Clock clock) {
        this.listings = listings;
        this.network = network;
        this.fees = fees;
        this.signer = signer;
        this.validity = validity;
        this.clock = clock;
    }

    /** The delivery dealer of a quote and its distance from the buyer's ZIP. */
    public record DeliveryDealer(String dealerId, String name, String city, String state, String zip,
                                 double distanceMiles) {
    }

    /** The quote as the API answers it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Quote(String quoteId, String vin, String zip, Instant expiresAt, DeliveryDealer deliveryDealer,
                        TransferLeg leg, List<QuoteLine> lines, long totalCents) {
    }

    public Quote quote(String pathVin, String zip) {
        String vin = EPriceService.pathVin(pathVin);
        if (zip == null || zip.isBlank()) {
            throw Problem.validation(List.of(new FieldError("zip", "required", "zip is required"))).toException();
        }
        String buyerZip = zip.trim();
        if (!buyerZip.matches("[0-9]{5}")) {
            throw badZip("zip must be five digits");
        }
        Listing listing = listings.get(vin)
                .orElseThrow(() -> Problem.notFound("no vehicle " + vin + " in the marketplace").toException());
        if (!listing.vehicle().listed() || listing.status() != ListingStatus.AVAILABLE) {
            throw new Problem(Problem.TYPE_BASE + "not-for-sale", "Conflict", 409,
                    "the vehicle is not listed and AVAILABLE, so it cannot be quoted",
                    List.of(new FieldError("vin", "status", listing.vehicle().listed()
                            ? "vehicle is " + listing.status() : "vehicle is not listed"))).toException();
        }
        // an unknown ZIP throws InvalidZipException, a 400 problem naming the field
        NearbyDealer nearest = network.nearestTo(buyerZip).orElseThrow(() -> Problem.unavailable(
                "no delivery dealer is available").toException());
        DeliveryPoint delivery = nearest.dealer();
        DeliveryPoint seller = new DeliveryPoint(listing.dealerId(), listing.dealerName(), listing.dealerCity(), null,
                listing.dealerZip(), coordinate(listing.dealerLat()), coordinate(listing.dealerLon()));
        TransferLeg leg = TransferLeg.between(seller, delivery);
        boolean zeroLength = listing.dealerId().equals(delivery.dealerId());
        long tenths = FeeSchedule.tenthsOfMile(leg.distanceMiles());
        String label = zeroLength ? "Transfer: none, the selling dealer delivers"
                : "Transfer from " + Optional.ofNullable(listing.dealerCity()).orElse(listing.dealerId()) + " to "
                        + delivery.city() + " (" + tenths / 10 + "." + tenths % 10 + " mi)";
        List<QuoteLine> lines = fees.lines(listing.vehicle().ePriceCents(), leg.distanceMiles(), zeroLength, label);
        Instant now = clock.instant();
        QuoteClaims claims = new QuoteClaims(vin, listing.version(), listing.dealerId(), delivery.dealerId(), buyerZip,
                lines, FeeSchedule.total(lines), now, now.plus(validity));
        return new Quote(signer.sign(claims), vin, buyerZip, claims.expiresAt(),
                new DeliveryDealer(delivery.dealerId(), delivery.name(), delivery.city(), delivery.state(),
                        delivery.zip(), nearest.distanceMiles()),
                leg, lines, claims.totalCents());
    }

    private static double coordinate(Double value) {
        if (value == null) {
            throw new IllegalStateException("a listing without its dealer's position cannot be quoted");
        }
        return value;
    }

    private static RuntimeException badZip(String message) {
        return Problem.validation(List.of(new FieldError("zip", "format", message))).toException();
    }
}
