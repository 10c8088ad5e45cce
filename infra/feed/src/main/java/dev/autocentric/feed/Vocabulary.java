package dev.autocentric.feed;

import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Transmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The words dealer systems use for one of our vehicle enums, and the API value each means.
 *
 * <p>A cell is upper-cased and split into words at anything but letters and digits; words that
 * carry no meaning for the enum (door counts for a body, speed counts for a gearbox) are dropped.
 * Then, in this order: the whole remaining text is looked up among the exact names (our own
 * values always included, so "PLUG_IN_HYBRID" or "4WD" pass as they are); else the first keyword
 * of an ordered list found among the words decides, so "Certified Pre-Owned" is CPO before it
 * could be USED, and "6-Speed Automatic w/ Manual Mode" is AUTOMATIC. No match is no value.
 */
final class Vocabulary<E extends Enum<E>> {

    private final String what;
    private final Class<E> type;
    private final Function<E, String> wire;
    private final Pattern noise;
    private final Map<String, E> exact = new LinkedHashMap<>();
    private final Map<String, E> keywords = new LinkedHashMap<>();

    private Vocabulary(String what, Class<E> type, Function<E, String> wire, String noise) {
        this.what = what;
        this.type = type;
        this.wire = wire;
        this.noise = noise == null ? null : Pattern.compile(noise);
        for (E constant : type.getEnumConstants()) {
            exact.put(wire.apply(constant).replace('_', ' '), constant);
        }
    }

    private Vocabulary<E> exact(E constant, String... texts) {
        for (String text : texts) {
            exact.put(text, constant);
        }
        return this;
    }

    private Vocabulary<E> keywords(E constant, String... words) {
        for (String word : words) {
            keywords.put(word, constant);
        }
        return this;
    }

    static final Vocabulary<Condition> CONDITIONS = new Vocabulary<>("condition", Condition.class, Enum::name, null)
            .exact(Condition.NEW, "N")
            .exact(Condition.USED, "U")
            .keywords(Condition.CPO, "CPO", "CERTIFIED")
            .keywords(Condition.USED, "USED", "PRE OWNED", "PREOWNED")
            .keywords(Condition.NEW, "NEW");

    static final Vocabulary<BodyStyle> BODY_STYLES = new Vocabulary<>("body style", BodyStyle.class, Enum::name,
            "\\d+(D|DR|DOOR)?|DOOR|DOORS|DR")
            .keywords(BodyStyle.MINIVAN, "MINIVAN", "MINI VAN")
            .keywords(BodyStyle.CONVERTIBLE, "CONVERTIBLE", "CABRIOLET", "CABRIO", "ROADSTER", "SPYDER", "SPIDER")
            .keywords(BodyStyle.CROSSOVER, "CROSSOVER", "CUV")
            .keywords(BodyStyle.SUV, "SUV", "SPORT UTILITY")
            .keywords(BodyStyle.PICKUP, "PICKUP", "PICK UP", "TRUCK", "CREW CAB", "CREWCAB", "CREWMAX", "SUPERCREW",
                    "SUPERCAB", "QUAD CAB", "DOUBLE CAB", "EXTENDED CAB", "REGULAR CAB", "KING CAB", "ACCESS CAB")
            .keywords(BodyStyle.WAGON, "WAGON", "ESTATE", "SPORTWAGEN")
            .keywords(BodyStyle.HATCHBACK, "HATCHBACK", "HATCH", "LIFTBACK", "SPORTBACK")
            .keywords(BodyStyle.COUPE, "COUPE")
            .keywords(BodyStyle.SEDAN, "SEDAN", "SALOON")
            .keywords(BodyStyle.VAN, "VAN");

    static final Vocabulary<Fuel> FUELS = new Vocabulary<>("fuel", Fuel.class, Enum::name, null)
            .keywords(Fuel.PLUG_IN_HYBRID, "PLUG IN", "PLUGIN", "PHEV")
            .keywords(Fuel.HYDROGEN, "HYDROGEN", "FUEL CELL", "FCEV")
            .keywords(Fuel.HYBRID, "HYBRID", "HEV", "MHEV")
            .keywords(Fuel.FLEX_FUEL, "FLEX", "FLEXIBLE", "FLEXFUEL", "FFV", "E85")
            .keywords(Fuel.ELECTRIC, "ELECTRIC", "EV", "BEV", "BATTERY")
            .keywords(Fuel.DIESEL, "DIESEL")
            .keywords(Fuel.GASOLINE, "GASOLINE", "GAS", "PETROL", "UNLEADED", "REGULAR", "PREMIUM");

    static final Vocabulary<Drivetrain> DRIVETRAINS = new Vocabulary<>("drivetrain", Drivetrain.class,
            Drivetrain::wire, null)
            .exact(Drivetrain.FOUR_WD, "FOUR WD")
            .keywords(Drivetrain.FOUR_WD, "4WD", "4X4", "4 WHEEL DRIVE", "FOUR WHEEL DRIVE", "4 X 4")
            .keywords(Drivetrain.AWD, "AWD", "ALL WHEEL DRIVE", "4MATIC", "XDRIVE", "QUATTRO")
            .keywords(Drivetrain.FWD, "FWD", "FRONT WHEEL DRIVE")
            .keywords(Drivetrain.RWD, "RWD", "REAR WHEEL DRIVE");

    static final Vocabulary<Transmission> TRANSMISSIONS = new Vocabulary<>("transmission", Transmission.class,
            Enum::name, "\\d+(SPD|SPEED|SP)?|SPEED|SPD")
            .exact(Transmission.AUTOMATIC, "A", "AT")
            .exact(Transmission.MANUAL, "M", "MT")
            .keywords(Transmission.CVT, "CVT", "CONTINUOUSLY VARIABLE", "VARIABLE", "ECVT", "IVT")
            .keywords(Transmission.DCT, "DCT", "DUAL CLUTCH", "DOUBLE CLUTCH", "TWIN CLUTCH", "DSG", "PDK")
            .keywords(Transmission.AUTOMATIC, "AUTOMATIC", "AUTO", "SINGLE", "DIRECT DRIVE")
            .keywords(Transmission.MANUAL, "MANUAL", "STICK", "STANDARD");

    /** The value a cell means, or null when it means none. */
    E lookup(String raw) {
        List<String> words = words(raw);
        if (words.isEmpty()) {
            return null;
        }
        E byName = exact.get(String.join(" ", words));
        if (byName != null) {
            return byName;
        }
        String spaced = " " + String.join(" ", words) + " ";
        for (Map.Entry<String, E> keyword : keywords.entrySet()) {
            if (spaced.contains(" " + keyword.getKey() + " ")) {
                return keyword.getValue();
            }
        }
        return null;
    }

    /** How the API writes a value. */
    String apiValue(E constant) {
        return wire.apply(constant);
    }

    /** Why a cell was not taken, for the report. */
    String refusal(String raw) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(wire.apply(constant));
        }
        return "\"" + raw.strip() + "\" is not a " + what + " the feed knows (use one of "
                + String.join(", ", names) + ")";
    }

    private List<String> words(String raw) {
        List<String> words = new ArrayList<>();
        for (String word : raw.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+")) {
            if (!word.isEmpty() && (noise == null || !noise.matcher(word).matches())) {
                words.add(word);
            }
        }
        return words;
    }
}
