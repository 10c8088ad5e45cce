package dev.autocentric.shared.vin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VinTest {

    @ParameterizedTest
    @ValueSource(strings = {"1HGCM82633A004352", "11111111111111111", "1M8GDM9AXKP042788"})
    void acceptsRealNorthAmericanVins(String vin) {
        assertTrue(Vin.isValid(vin), () -> Vin.problem(vin).orElse(""));
    }

    @Test
    void checkDigitTenIsWrittenX() {
        assertEquals('X', Vin.checkDigit("1M8GDM9A_KP042788".replace('_', '0')));
        assertTrue(Vin.isValid("1M8GDM9AXKP042788"));
        assertFalse(Vin.isValid("1M8GDM9A1KP042788"));
    }

    @Test
    void rejectsWrongCheckDigit() {
        assertFalse(Vin.isValid("1HGCM82643A004352"));
        assertTrue(Vin.problem("1HGCM82643A004352").orElseThrow().contains("check digit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1HGCM8263IA004352", "1HGCM8263OA004352", "1HGCM8263QA004352"})
    void rejectsIOQ(String vin) {
        assertTrue(Vin.problem(vin).orElseThrow().contains("I, O or Q"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1HGCM82633A00435", "1HGCM82633A0043521", "1HGCM82633A00435!"})
    void rejectsLengthAndCharacters(String vin) {
        assertFalse(Vin.isValid(vin));
        assertThrows(IllegalArgumentException.class, () -> Vin.of(vin));
    }

    @Test
    void rejectsNull() {
        assertFalse(Vin.isValid(null));
    }

    @Test
    void upperCasesInput() {
        assertEquals("1HGCM82633A004352", Vin.of("1hgcm82633a004352").value());
    }

    @Test
    void checkDigitNotRequiredOutsideNorthAmerica() {
        // a European VIN whose position 9 is not the computed digit is still valid
        String european = "WVWZZZ1JZ3W386752";
        assertTrue(Vin.isValid(european));
        assertFalse(Vin.isNorthAmerican(european));
    }

    @Test
    void withCheckDigitFixesAnyBody() {
        String fixed = Vin.withCheckDigit("1G1ZD5ST0LF012345");
        assertTrue(Vin.isValid(fixed));
        assertEquals(Vin.checkDigit(fixed), fixed.charAt(8));
    }
}
