package dev.autocentric.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Distances of known airport pairs against published great-circle figures: the "Distance" (statute
 * miles, great circle between the airports) of the US DOT Bureau of Transportation Statistics
 * airline on-time and T-100 data, also shown by the Great Circle Mapper (gcmap.com). Airport
 * positions are their FAA reference points. The published figures are on the WGS-84 ellipsoid,
 * the haversine on a sphere: they must agree within 0.5 %.
 */
class GreatCircleTest {

    @ParameterizedTest(name = "{0}: {5} mi")
    @CsvSource({
            // pair,       lat1,     lon1,      lat2,     lon2,      published miles
            "DTW-ORD,   42.2124,  -83.3534,   41.9786,  -87.9048,  235",     // Detroit - Chicago
            "JFK-LAX,   40.6398,  -73.7789,   33.9425, -118.4081, 2475",     // New York - Los Angeles
            "SEA-MIA,   47.4490, -122.3093,   25.7933,  -80.2906, 2724",     // Seattle - Miami
            "ATL-DEN,   33.6367,  -84.4281,   39.8617, -104.6731, 1199",     // Atlanta - Denver
            "BOS-SFO,   42.3656,  -71.0096,   37.6190, -122.3748, 2704",     // Boston - San Francisco
    })
    void knownPairsMatchPublishedFiguresWithinHalfAPercent(String pair, double lat1, double lon1, double lat2,
                                                           double lon2, double published) {
        double miles = GreatCircle.miles(lat1, lon1, lat2, lon2);
        assertEquals(published, miles, published * 0.005, pair + " computed " + miles);
        assertEquals(miles, GreatCircle.miles(lat2, lon2, lat1, lon1), 1e-9, "symmetric");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "same point,      42.0, -83.0, 42.0, -83.0, 0",
            "one degree of latitude, 0, 0, 1, 0, 69.09",           // 2 pi R / 360
            "antipodes,       0, 0, 0, 180, 12436.82",             // pi R
            "across the antimeridian, 52, 179.5, 52, -179.5, 42.54",
    })
    void sphereFacts(String what, double lat1, double lon1, double lat2, double lon2, double expected) {
        assertEquals(expected, GreatCircle.miles(lat1, lon1, lat2, lon2), 0.01, what);
    }
}
