package dev.autocentric.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Transmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VocabularyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"New|NEW", "N|NEW", "used|USED", "Pre-Owned|USED", "U|USED",
            "Certified|CPO", "Certified Pre-Owned|CPO", "CPO|CPO"})
    void conditions(String text, Condition expected) {
        assertEquals(expected, Vocabulary.CONDITIONS.lookup(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Sedan|SEDAN", "4dr Sedan|SEDAN", "Sedan 4D|SEDAN", "Coupe 2D|COUPE",
            "Hatchback|HATCHBACK", "5-Door Hatch|HATCHBACK", "Station Wagon|WAGON", "Convertible|CONVERTIBLE",
            "Roadster|CONVERTIBLE", "Sport Utility|SUV", "SUV 4D|SUV", "Crossover SUV|CROSSOVER",
            "Crew Cab Pickup|PICKUP", "Truck|PICKUP", "Cargo Van|VAN", "Mini-van|MINIVAN", "Minivan|MINIVAN"})
    void bodyStyles(String text, BodyStyle expected) {
        assertEquals(expected, Vocabulary.BODY_STYLES.lookup(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Gasoline|GASOLINE", "Gas|GASOLINE", "Regular Unleaded|GASOLINE",
            "Diesel|DIESEL", "Gas/Electric Hybrid|HYBRID", "Hybrid|HYBRID", "Plug-In Hybrid|PLUG_IN_HYBRID",
            "PHEV|PLUG_IN_HYBRID", "Electric|ELECTRIC", "EV|ELECTRIC", "Flex Fuel|FLEX_FUEL",
            "Gasoline/E85|FLEX_FUEL", "Hydrogen Fuel Cell|HYDROGEN"})
    void fuels(String text, Fuel expected) {
        assertEquals(expected, Vocabulary.FUELS.lookup(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"FWD|FWD", "Front-Wheel Drive|FWD", "RWD|RWD", "Rear Wheel Drive|RWD",
            "AWD|AWD", "All-Wheel Drive|AWD", "4WD|FOUR_WD", "4x4|FOUR_WD", "Four Wheel Drive|FOUR_WD",
            "4-Wheel Drive|FOUR_WD"})
    void drivetrains(String text, Drivetrain expected) {
        assertEquals(expected, Vocabulary.DRIVETRAINS.lookup(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Automatic|AUTOMATIC", "8-Speed Automatic|AUTOMATIC", "A|AUTOMATIC",
            "6-Speed Automatic w/ Manual Shift Mode|AUTOMATIC", "6-Speed Manual|MANUAL", "Manual|MANUAL",
            "CVT|CVT", "Automatic CVT|CVT", "Continuously Variable|CVT", "7-Speed Dual-Clutch|DCT", "DSG|DCT",
            "1-Speed Automatic|AUTOMATIC"})
    void transmissions(String text, Transmission expected) {
        assertEquals(expected, Vocabulary.TRANSMISSIONS.lookup(text));
    }

    @ParameterizedTest
    @EnumSource(BodyStyle.class)
    void ourOwnValuesAlwaysPass(BodyStyle style) {
        assertEquals(style, Vocabulary.BODY_STYLES.lookup(style.name()));
    }

    @Test
    void ourOwnSpellingsOfTheOtherEnumsPass() {
        for (Fuel fuel : Fuel.values()) {
            assertEquals(fuel, Vocabulary.FUELS.lookup(fuel.name()));
        }
        for (Drivetrain d : Drivetrain.values()) {
            assertEquals(d, Vocabulary.DRIVETRAINS.lookup(d.wire()));
        }
        for (Transmission t : Transmission.values()) {
            assertEquals(t, Vocabulary.TRANSMISSIONS.lookup(t.name()));
        }
        for (Condition c : Condition.values()) {
            assertEquals(c, Vocabulary.CONDITIONS.lookup(c.name()));
        }
    }

    @Test
    void unknownWordsMapToNothingAndTheRefusalListsWhatWouldDo() {
        assertNull(Vocabulary.BODY_STYLES.lookup("Hovercraft"));
        assertNull(Vocabulary.BODY_STYLES.lookup("4dr"));
        assertNull(Vocabulary.DRIVETRAINS.lookup("2WD"), "2WD does not say which wheels");
        assertNull(Vocabulary.FUELS.lookup("Steam"));
        String refusal = Vocabulary.BODY_STYLES.refusal(" Hovercraft ");
        assertTrue(refusal.startsWith("\"Hovercraft\" is not a body style"), refusal);
        assertTrue(refusal.contains("SEDAN") && refusal.contains("MINIVAN"), refusal);
        assertTrue(Vocabulary.DRIVETRAINS.refusal("2WD").contains("4WD"), "the API's own spelling");
    }
}
