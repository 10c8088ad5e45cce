package dev.autocentric.shared.routing;

/**
 * Great-circle distance on a spherical Earth by the haversine formula, with the mean Earth
 * radius R1 = 3958.7613 miles (6,371.0088 km, IUGG). The sphere differs from the WGS-84
 * ellipsoid by at most about 0.5 %, which is far below what a delivery estimate needs; the
 * haversine form stays accurate for short distances, where the spherical law of cosines does not.
 */
public final class GreatCircle {

    /** Mean Earth radius in statute miles (IUGG mean radius R1). */
    public static final double EARTH_RADIUS_MILES = 3958.7613;

    private GreatCircle() {
    }

    /** Miles between two points given in decimal degrees. */
    public static double miles(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinDPhi = Math.sin((phi2 - phi1) / 2);
        double sinDLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
        return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
