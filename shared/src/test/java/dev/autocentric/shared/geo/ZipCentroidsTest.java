package dev.autocentric.shared.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZipCentroidsTest {
    @Test
    void loadsEveryRowOfTheShippedDataSet() {
        assertEquals(33_791, ZipCentroids.get().all().size());
    }

    @Test
    void findsAKnownZipWithItsCityAndPoint() {
        ZipCentroid detroit = ZipCentroids.get().find("48226").orElseThrow();
        assertEquals("Detroit", detroit.city());
        assertEquals("MI", detroit.state());
        assertEquals(42.33, detroit.lat(), 0.05);
        assertEquals(-83.05, detroit.lon(), 0.05);
    }

    @Test
    void tellsMalformedFromUnknown() {
        assertFalse(ZipCentroids.isWellFormed("4822"));
        assertFalse(ZipCentroids.isWellFormed("48a26"));
        assertTrue(ZipCentroids.isWellFormed("00000"));
        assertTrue(ZipCentroids.get().find("00000").isEmpty());
    }
}
