package dev.autocentric.pricing;

import dev.autocentric.shared.pricing.QuoteLine;
import java.util.List;

/**
 * The fees of a delivered price, all in integer cents.
 *
 * <p><b>Transfer fee</b> for the leg from the selling dealer to the delivery dealer:
 * <ol>
 *   <li>the leg's great-circle distance (a double, in miles) is rounded to the nearest tenth of
 *       a mile, halves up: {@code tenths = round(miles * 10)} — the only floating-point step,
 *       and it is on distance, not money;</li>
 *   <li>{@code fee = (tenths * ratePerMileCents + 5) / 10}: tenths times the rate, rounded half up
 *       to a whole cent in integer arithmetic;</li>
 *   <li>then at least {@code minimumCents} and at most {@code capCents};</li>
 *   <li>a zero-length leg (the selling dealer is itself the delivery dealer) costs 0: there is no
 *       transfer, so the minimum does not apply.</li>
 * </ol>
 * Rate, minimum and cap are the template parameters TransferRateCentsPerMile (default 150),
 * TransferMinimumCents (default 9,900) and TransferCapCents (default 149,900).
 *
 * <p><b>Fixed fees</b>, on every quote: documentation fee {@value #DOCUMENTATION_CENTS} cents and
 * delivery inspection and preparation {@value #DELIVERY_PREP_CENTS} cents.
 *
 * <p>Lines, in order: {@code EPRICE}, {@code TRANSFER}, {@code DOCUMENTATION}, {@code DELIVERY_PREP};
 * the total is their exact sum.
 */
public record FeeSchedule(long ratePerMileCents, long minimumCents, long capCents) {

    public static final long DOCUMENTATION_CENTS = 14_900;
    public static final long DELIVERY_PREP_CENTS = 24_900;

    public FeeSchedule {
        if (ratePerMileCents < 0 || minimumCents < 0 || capCents < minimumCents) {
            throw new IllegalArgumentException("need 0 <= rate, 0 <= minimum <= cap");
        }
    }

    /** Miles to whole tenths of a mile, halves up. */
    public static long tenthsOfMile(double miles) {
        if (!Double.isFinite(miles) || miles < 0) {
            throw new IllegalArgumentException("a distance is a finite number of miles >= 0: " + miles);
        }
        return Math.round(miles * 10);
    }

    /** The transfer fee of a leg of {@code miles}; {@code zeroLength} when seller and delivery dealer are one. */
    public long transferCents(double miles, boolean zeroLength) {
        if (zeroLength) {
            return 0;
        }
        long tenths = tenthsOfMile(miles);
        long fee = Math.addExact(Math.multiplyExact(tenths, ratePerMileCents), 5) / 10;
        return Math.min(capCents, Math.max(minimumCents, fee));
    }

    /** Every line of a delivered price. */
    public List<QuoteLine> lines(long ePriceCents, double legMiles, boolean zeroLength, String transferLabel) {
        return List.of(
                new QuoteLine("EPRICE", "E-price", ePriceCents),
                new QuoteLine("TRANSFER", transferLabel, transferCents(legMiles, zeroLength)),
                new QuoteLine("DOCUMENTATION", "Documentation fee", DOCUMENTATION_CENTS),
                new QuoteLine("DELIVERY_PREP", "Delivery inspection and preparation", DELIVERY_PREP_CENTS));
    }

    public static long total(List<QuoteLine> lines) {
        long total = 0;
        for (QuoteLine line : lines) {
            total = Math.addExact(total, line.amountCents());
        }
        return total;
    }
}
