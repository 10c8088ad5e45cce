package dev.autocentric.shared.geo;

/** A US ZIP code's centroid (the Census ZCTA internal point) with its preferred city and state. */
public record ZipCentroid(String zip, double lat, double lon, String city, String state) {
}
