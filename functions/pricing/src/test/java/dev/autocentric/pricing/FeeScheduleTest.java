package dev.autocentric.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autocentric.shared.pricing.QuoteLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fee arithmetic in integer cents: the rounding rule, the minimum, the cap and the fixed fees. */
class FeeScheduleTest {

    final FeeSchedule fees = new FeeSchedule(150, 9_900, 149_900);

    @Test
    void distanceIsRoundedToTenthsOfAMileHalfUp() {
        assertEquals(1234, FeeSchedule.tenthsOfMile(123.44));
        assertEquals(1233, FeeSchedule.tenthsOfMile(123.25), "a half rounds up");
        assertEquals(1235, FeeSchedule.tenthsOfMile(123.46));
        assertEquals(0, FeeSchedule.tenthsOfMile(0.04));
        assertEquals(3, FeeSchedule.tenthsOfMile(0.25));
        assertThrows(IllegalArgumentException.class, () -> FeeSchedule.tenthsOfMile(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FeeSchedule.tenthsOfMile(-1));
    }

    @Test
    void tenthsTimesRateRoundsHalfUpToAWholeCent() {
        // 250.0 mi * 150 = 37,500
        assertEquals(37_500, fees.transferCents(250.0, false));
        // 250.1 mi: 2501 * 150 / 10 = 37,515
        assertEquals(37_515, fees.transferCents(250.06, false));
        FeeSchedule odd = new FeeSchedule(133, 0, 10_000_000);
        // 100.1 mi: 1001 * 133 = 133,133 tenth-cents -> 13,313.3 -> 13,313
        assertEquals(13_313, odd.transferCents(100.1, false));
        // 100.5 mi: 1005 * 133 = 133,665 -> 13,366.5 -> 13,367 (half up)
        assertEquals(13_367, odd.transferCents(100.5, false));
    }

    @Test
    void minimumAndCap() {
        assertEquals(9_900, fees.transferCents(1.0, false), "short legs pay the minimum");
        assertEquals(9_900, fees.transferCents(0.0, false), "two dealers at one spot still transfer");
        assertEquals(9_900, fees.transferCents(66.0, false));
        assertEquals(9_915, fees.transferCents(66.1, false));
        assertEquals(149_895, fees.transferCents(999.3, false));
        assertEquals(149_900, fees.transferCents(999.4, false));
        assertEquals(149_900, fees.transferCents(2_800.0, false), "long legs pay the cap");
        assertEquals(0, fees.transferCents(0.0, true), "no leg, no fee");
        assertThrows(IllegalArgumentException.class, () -> new FeeSchedule(150, 10_000, 9_999));
        assertThrows(ArithmeticException.class,
                () -> new FeeSchedule(Long.MAX_VALUE / 5, 0, Long.MAX_VALUE).transferCents(100.0, false));
    }

    @Test
    void linesAndTotalAreExactSums() {
        List<QuoteLine> lines = fees.lines(2_749_900, 250.0, false, "Transfer");
        assertEquals(List.of("EPRICE", "TRANSFER", "DOCUMENTATION", "DELIVERY_PREP"),
                lines.stream().map(QuoteLine::code).toList());
        assertEquals(2_749_900 + 37_500 + FeeSchedule.DOCUMENTATION_CENTS + FeeSchedule.DELIVERY_PREP_CENTS,
                FeeSchedule.total(lines));
        assertEquals(2_749_900 + 14_900 + 24_900, FeeSchedule.total(fees.lines(2_749_900, 0, true, "none")));
    }
}
