package dev.autocentric.shared.search;

import ch.hsr.geohash.GeoHash;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key attributes of the sparse search indexes on Listings. The Listings table schema writes
 * them on every put from the listing itself, and only while the vehicle is searchable (listed,
 * AVAILABLE, with a dealer location and an e-price): a withdrawal, reservation, sale or
 * unlisting drops the item from every search index in the same write, and a price change moves
 * it in the same write. No writer maintains them by hand.
 *
 * <pre>
 * index               partition            sort key
 * searchByModel       sModel (model)       sModelKey  = geohash4 # price # vin
 * searchByModelPrice  sModel (model)       sPriceKey  = price # vin
 * searchByCell        sCell  (geohash3)    sCellKey   = geohash8 # vin
 * searchByPrice       sShard (p0..p7)      sPriceKey  = price # vin
 * searchByModelRegion sModel (model)       sRegionKey = geohash3 # price # vin
 * searchByCellPrice   sCell  (geohash3)    sCellPriceKey = geohash4 # price # vin
 * searchByStyle       sStyle (body style # geohash3)  sStyleKey = condition # geohash8 # vin
 * </pre>
 * A geohash-3 cell is about 97 x 75 miles at 40 degrees north and a geohash-4 cell about 24 x 12
 * miles; prices are cents padded to {@value #PRICE_DIGITS} digits so text order is price order.
 */
public final class SearchKeys {

    public static final String BY_MODEL = "searchByModel";
    public static final String BY_MODEL_PRICE = "searchByModelPrice";
    public static final String BY_CELL = "searchByCell";
    public static final String BY_PRICE = "searchByPrice";
    public static final String BY_MODEL_REGION = "searchByModelRegion";
    public static final String BY_CELL_PRICE = "searchByCellPrice";
    public static final String BY_STYLE = "searchByStyle";

    public static final String MODEL = "sModel";
    public static final String MODEL_KEY = "sModelKey";
    public static final String PRICE_KEY = "sPriceKey";
    public static final String CELL = "sCell";
    public static final String CELL_KEY = "sCellKey";
    public static final String SHARD = "sShard";
    public static final String REGION_KEY = "sRegionKey";
    public static final String CELL_PRICE_KEY = "sCellPriceKey";
    public static final String STYLE = "sStyle";
    public static final String STYLE_KEY = "sStyleKey";

    /** Geohash characters of a searchByModel cell (the prefix of its sort key). */
    public static final int MODEL_CELL_PRECISION = 4;
    /** Geohash characters of a searchByCell partition. */
    public static final int CELL_PRECISION = 3;
    /** Geohash characters at the head of a searchByCell sort key. */
    public static final int POINT_PRECISION = 8;
    /** Geohash characters of a searchByModelRegion region (the prefix of its sort key). */
    public static final int REGION_PRECISION = 2;
    /** Geohash characters at the head of a searchByCellPrice sort key. */
    public static final int CELL_PRICE_PRECISION = 4;
    public static final int SHARDS = 8;
    public static final int PRICE_DIGITS = 10;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchKeys() {
    }

    public static boolean searchable(Listing l) {
        return l.vehicle().listed() && l.status() == ListingStatus.AVAILABLE && l.dealerLat() != null
                && l.dealerLon() != null && l.vehicle().ePriceCents() > 0 && l.vehicle().model() != null;
    }

    /** Case and spacing folded: "Silverado  1500" and "silverado 1500" are one model. */
    public static String fold(String text) {
        return text == null ? null : SPACES.matcher(text.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    public static String price(long cents) {
        String digits = Long.toString(cents);
        return "0".repeat(Math.max(0, PRICE_DIGITS - digits.length())) + digits;
    }

    public static String geohash(double lat, double lon, int precision) {
        return GeoHash.geoHashStringWithCharacterPrecision(lat, lon, precision);
    }

    public static String shard(String vin) {
        return "p" + Math.floorMod(vin.hashCode(), SHARDS);
    }

    public static String model(Listing l) {
        return searchable(l) ? fold(l.vehicle().model()) : null;
    }

    public static String modelKey(Listing l) {
        return searchable(l) ? geohash(l.dealerLat(), l.dealerLon(), MODEL_CELL_PRECISION) + "#"
                + price(l.vehicle().ePriceCents()) + "#" + l.vin() : null;
    }

    public static String priceKey(Listing l) {
        return searchable(l) ? price(l.vehicle().ePriceCents()) + "#" + l.vin() : null;
    }

    public static String cell(Listing l) {
        return searchable(l) ? geohash(l.dealerLat(), l.dealerLon(), CELL_PRECISION) : null;
    }

    public static String cellKey(Listing l) {
        return searchable(l) ? geohash(l.dealerLat(), l.dealerLon(), POINT_PRECISION) + "#" + l.vin() : null;
    }

    public static String regionKey(Listing l) {
        return searchable(l) ? geohash(l.dealerLat(), l.dealerLon(), REGION_PRECISION) + "#"
                + price(l.vehicle().ePriceCents()) + "#" + l.vin() : null;
    }

    public static String cellPriceKey(Listing l) {
        return searchable(l) ? geohash(l.dealerLat(), l.dealerLon(), CELL_PRICE_PRECISION) + "#"
                + price(l.vehicle().ePriceCents()) + "#" + l.vin() : null;
    }

    /** The searchByStyle partition: body style and geohash-3 (null without a body style). */
    public static String style(Listing l) {
        return searchable(l) && l.vehicle().bodyStyle() != null
                ? l.vehicle().bodyStyle().name() + "#" + geohash(l.dealerLat(), l.dealerLon(), CELL_PRECISION) : null;
    }

    public static String styleKey(Listing l) {
        return style(l) != null && l.vehicle().condition() != null ? l.vehicle().condition().name() + "#"
                + geohash(l.dealerLat(), l.dealerLon(), POINT_PRECISION) + "#" + l.vin() : null;
    }

    public static String shardKey(Listing l) {
        return searchable(l) ? shard(l.vin()) : null;
    }
}
