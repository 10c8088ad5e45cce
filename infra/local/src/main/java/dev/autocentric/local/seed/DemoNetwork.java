package dev.autocentric.local.seed;

import ch.hsr.geohash.GeoHash;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.vin.Vin;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated but realistic demo marketplace, the same for the same seed: dealers at real ZIP
 * centroids, more where people live closer together (GM-network dealers are delivery points,
 * other brands are not), and their stock.
 */
public final class DemoNetwork {
    /** A dealer to enrol, in the shape {@code POST /v1/admin/dealers} takes. */
    public record DemoDealer(String dealerId, String name, List<String> brands, String network, boolean deliveryPoint,
                             String address, String city, String state, String zip, double lat, double lon) {
        public Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("dealerId", dealerId);
            b.put("name", name);
            b.put("brands", brands);
            b.put("network", network);
            b.put("deliveryPoint", deliveryPoint);
            b.put("address", address);
            b.put("city", city);
            b.put("state", state);
            b.put("zip", zip);
            b.put("lat", lat);
            b.put("lon", lon);
            return b;
        }
    }

    private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    /** Model-year codes of VIN position 10, from 2010 (A) on; I, O, Q, U, Z and 0 are never used. */
    private static final String YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789";

    /** Geohash characters of the cells the density weighting counts ZIPs in. */
    static final int DENSITY_CELL = 4;

    private final long seed;

    public DemoNetwork(long seed) {
        this.seed = seed;
    }

    /**
     * {@code gmDealers} GM delivery points and {@code otherDealers} dealers of other brands, each
     * at a distinct ZIP of the 50 states and DC, GM dealers first.
     *
     * <p>Weighting: ZIP areas are small where people live close together, so the number of ZIP
     * centroids near a ZIP measures how dense its area is. A ZIP's weight is the square root of the
     * number of ZIP centroids in the 3 x 3 block of 4-character geohash cells around it (each cell
     * about 39 x 20 km at the equator, 30 x 20 km at 40 degrees north): a city ZIP with 400
     * neighbours weighs 20, a rural one with 4 weighs 2. ZIPs are drawn without replacement with
     * probability proportional to weight (Efraimidis-Spirakis: the largest {@code u^(1/w)} win), so
     * dense areas get more dealers while every state keeps some; the square root keeps cities
     * from taking nearly all of them, as real dealer networks also reach small towns.
     */
    public List<DemoDealer> dealers(int gmDealers, int otherDealers) {
        Random random = new Random(seed);
        List<ZipCentroid> zips = ZipCentroids.get().all().stream()
                .filter(z -> !z.city().isEmpty() && !Set.of("PR", "VI", "GU", "AS", "MP").contains(z.state())).toList();
        double[] weights = densityWeights(zips);
        int wanted = Math.min(gmDealers + otherDealers, zips.size());
        Integer[] order = new Integer[zips.size()];
        double[] keys = new double[zips.size()];
        for (int i = 0; i < zips.size(); i++) {
            order[i] = i;
            keys[i] = Math.log(1 - random.nextDouble()) / weights[i]; // log(u^(1/w)): larger wins
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -keys[i]).thenComparing(i -> i));
        List<ZipCentroid> chosen = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            chosen.add(zips.get(order[i]));
        }
        Collections.shuffle(chosen, random); // which chosen ZIPs are GM is independent of the draw order
        List<DemoDealer> out = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            boolean gm = i < gmDealers;
            ZipCentroid z = chosen.get(i);
            List<String> brands = gm ? gmBrands(random) : List.of(DemoCatalog.OTHER_BRANDS.get(random.nextInt(DemoCatalog.OTHER_BRANDS.size())));
            String id = String.format(Locale.ROOT, "dlr-%s-%05d", z.state().toLowerCase(Locale.ROOT), i + 1);
            String name = z.city() + " " + String.join(" ", brands);
            String address = (100 + random.nextInt(9800)) + " " + List.of("Main St", "Auto Mall Dr", "Commerce Blvd",
                    "Highway 1", "Motor Pkwy", "Dealer Row").get(random.nextInt(6));
            out.add(new DemoDealer(id, name, brands, gm ? "GM" : "OTHER", gm, address, z.city(), z.state(), z.zip(),
                    z.lat(), z.lon()));
        }
        return out;
    }

    /** sqrt(ZIP centroids in the 3 x 3 block of 4-character geohash cells around each ZIP). */
    static double[] densityWeights(List<ZipCentroid> zips) {
        Map<String, Integer> perCell = new HashMap<>();
        String[] cells = new String[zips.size()];
        for (int i = 0; i < zips.size(); i++) {
            cells[i] = GeoHash.geoHashStringWithCharacterPrecision(zips.get(i).lat(), zips.get(i).lon(), DENSITY_CELL);
            perCell.merge(cells[i], 1, Integer::sum);
        }
        Map<String, Double> weightOfCell = new HashMap<>();
        double[] weights = new double[zips.size()];
        for (int i = 0; i < zips.size(); i++) {
            weights[i] = weightOfCell.computeIfAbsent(cells[i], c -> {
                int n = perCell.get(c);
                for (GeoHash adjacent : GeoHash.fromGeohashString(c).getAdjacent()) {
                    n += perCell.getOrDefault(adjacent.toBase32(), 0);
                }
                return Math.sqrt(n);
            });
        }
        return weights;
    }

    private static List<String> gmBrands(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> List.of("Chevrolet");
            case 1 -> List.of("Chevrolet", "Buick", "GMC");
            case 2 -> List.of("Buick", "GMC");
            case 3 -> List.of("Cadillac");
            default -> List.of("Chevrolet", "Cadillac");
        };
    }

    /** {@code perDealer} vehicles for each dealer, of its own brands, in the shape of the inventory API. */
    public Map<String, List<Map<String, Object>>> stock(List<DemoDealer> dealers, int perDealer) {
        Random random = new Random(seed * 31 + 7);
        int thisYear = Year.now().getValue();
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        int serial = 100_000;
        for (DemoDealer d : dealers) {
            List<Map<String, Object>> vehicles = new ArrayList<>();
            for (int i = 0; i < perDealer; i++) {
                String make = d.brands().get(random.nextInt(d.brands().size()));
                List<DemoCatalog.Model> models = DemoCatalog.MODELS.get(make);
                DemoCatalog.Model m = models.get(random.nextInt(models.size()));
                String condition = random.nextInt(10) < 6 ? "NEW" : random.nextInt(3) == 0 ? "CPO" : "USED";
                int year = condition.equals("NEW") ? thisYear - random.nextInt(2) + 1 : thisYear - 1 - random.nextInt(7);
                int mileage = condition.equals("NEW") ? random.nextInt(40) : 5_000 + random.nextInt(90_000);
                long msrp = roundTo(m.msrpMinCents() + (long) (random.nextDouble() * (m.msrpMaxCents() - m.msrpMinCents())), 50_00);
                double discount = condition.equals("NEW") ? 0.90 + random.nextDouble() * 0.09
                        : 0.45 + random.nextDouble() * 0.35 - Math.min(0.2, mileage / 600_000.0);
                long ePrice = roundTo(Math.round(msrp * discount), 100) - 100; // prices end in 99.00
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("vin", vin(random, make, year, serial++));
                v.put("stockNumber", String.format(Locale.ROOT, "%s%04d", make.substring(0, 1), i + 1));
                v.put("condition", condition);
                v.put("year", year);
                v.put("make", make);
                v.put("model", m.model());
                v.put("trim", m.trims().get(random.nextInt(m.trims().size())));
                v.put("bodyStyle", m.bodyStyle());
                v.put("fuel", m.fuel());
                v.put("drivetrain", m.drivetrain());
                v.put("transmission", m.transmission());
                v.put("exteriorColor", DemoCatalog.EXTERIOR.get(random.nextInt(DemoCatalog.EXTERIOR.size())));
                v.put("interiorColor", DemoCatalog.INTERIOR.get(random.nextInt(DemoCatalog.INTERIOR.size())));
                v.put("mileage", mileage);
                v.put("msrpCents", msrp);
                v.put("ePriceCents", ePrice);
                v.put("listed", random.nextInt(10) != 0); // one in ten kept off the marketplace
                v.put("photos", List.of("https://photos.autocentric.dev/" + d.dealerId() + "/" + i + "/1.jpg"));
                v.put("options", List.of(DemoCatalog.OPTIONS.get(random.nextInt(DemoCatalog.OPTIONS.size()))));
                vehicles.add(v);
            }
            out.put(d.dealerId(), vehicles);
        }
        return out;
    }

    private static String vin(Random random, String make, int year, int serial) {
        StringBuilder b = new StringBuilder(DemoCatalog.WMI.get(make));
        for (int i = 0; i < 5; i++) {
            b.append(VIN_ALPHABET.charAt(random.nextInt(VIN_ALPHABET.length())));
        }
        b.append('0'); // check digit placeholder
        b.append(YEAR_CODES.charAt(Math.floorMod(year - 2010, YEAR_CODES.length())));
        b.append(VIN_ALPHABET.charAt(random.nextInt(23))); // assembly plant (a letter)
        b.append(String.format(Locale.ROOT, "%06d", serial));
        return Vin.withCheckDigit(b.toString());
    }

    private static long roundTo(long cents, long step) {
        return Math.max(step, Math.round((double) cents / step) * step);
    }
}
