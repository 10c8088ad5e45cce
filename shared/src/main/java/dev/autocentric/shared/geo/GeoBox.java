package dev.autocentric.shared.geo;

import ch.hsr.geohash.BoundingBox;
import ch.hsr.geohash.GeoHash;
import dev.autocentric.shared.routing.GreatCircle;

/**
 * A latitude/longitude box (a geohash cell) and distance bounds from a point to it, in miles.
 * Search and routing use the lower bound to visit cells nearest first and the upper bound to skip
 * cells that cannot hold anything past a page boundary.
 */
public record GeoBox(double south, double north, double west, double east) {

    /** Miles of great circle per degree (R1 mean radius). */
    private static final double MILES_PER_DEGREE = Math.toRadians(1) * GreatCircle.EARTH_RADIUS_MILES;

    public static GeoBox ofGeohash(String geohash) {
        BoundingBox b = GeoHash.fromGeohashString(geohash).getBoundingBox();
        return new GeoBox(b.getSouthLatitude(), b.getNorthLatitude(), b.getWestLongitude(), b.getEastLongitude());
    }

    /**
     * The exact great-circle distance from (lat, lon) to the nearest point of this box. Inside
     * its longitudes it is the distance along the query's meridian to the nearer latitude edge.
     * Outside them, for a fixed latitude the distance grows with the longitude gap, so the
     * nearest point lies on the meridian edge with the smaller gap; along a meridian
     * {@code cos d = A cos(phi - phi0)} with {@code phi0 = atan2(sin lat, cos lat cos dLon)}, so
     * the minimum over the edge is at phi0 when the edge holds it, else at an end.
     */
    public double minMiles(double lat, double lon) {
        if (lon >= west && lon <= east) {
            if (lat > north) {
                return GreatCircle.miles(lat, lon, north, lon);
            }
            if (lat < south) {
                return GreatCircle.miles(lat, lon, south, lon);
            }
            return 0;
        }
        double edge = longitudeGap(lon, west) <= longitudeGap(lon, east) ? west : east;
        double phi = Math.toRadians(lat);
        double phi0 = Math.toDegrees(Math.atan2(Math.sin(phi), Math.cos(phi) * Math.cos(Math.toRadians(edge - lon))));
        double best = Math.min(GreatCircle.miles(lat, lon, south, edge), GreatCircle.miles(lat, lon, north, edge));
        if (phi0 > south && phi0 < north) {
            best = Math.min(best, GreatCircle.miles(lat, lon, phi0, edge));
        }
        return best;
    }

    /**
     * An upper bound of the distance from (lat, lon) to any point of this box: the distance to
     * its centre plus a path from the centre to any point of the box (along the centre's
     * meridian, then along a parallel, which is never longer than the same span at the equator).
     */
    public double maxMiles(double lat, double lon) {
        double cLat = (south + north) / 2;
        double cLon = (west + east) / 2;
        double reach = ((north - south) / 2 + (east - west) / 2) * MILES_PER_DEGREE;
        return GreatCircle.miles(lat, lon, cLat, cLon) + reach * (1 + 1e-9) + 1e-9;
    }

    private static double longitudeGap(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
