package dev.autocentric.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item sizes and write units against examples computed by hand. */
class WriteUnitsTest {

    private static final WriteUnits.Index BY_KEY = new WriteUnits.Index("byKey", List.of("k"));
    private static final WriteUnits.Index BY_PAIR = new WriteUnits.Index("byPair", List.of("k", "r"));

    @Test
    void aStringIsItsNameAndItsUtf8Bytes() {
        assertEquals(4, WriteUnits.itemSize(Map.of("a", s("xyz"))));
        assertEquals(2 + 3, WriteUnits.itemSize(Map.of("é", s("€"))), "é is 2 bytes, € 3");
        assertEquals(1 + 0, WriteUnits.itemSize(Map.of("e", s(""))));
    }

    @Test
    void aNumberIsAboutOneByteForTwoSignificantDigitsPlusOne() {
        assertEquals(5 + 4, WriteUnits.itemSize(Map.of("price", n("2899500"))), "28995: 5 digits, 3 + 1");
        assertEquals(2, WriteUnits.numberSize("1000"), "one significant digit");
        assertEquals(2, WriteUnits.numberSize("0.0012"), "two significant digits");
        assertEquals(4, WriteUnits.numberSize("123.45"));
        assertEquals(2, WriteUnits.numberSize("-7"));
        assertEquals(2, WriteUnits.numberSize("0"));
        assertEquals(20, WriteUnits.numberSize("12345678901234567890123456789012345678"), "38 digits: 19 + 1");
    }

    @Test
    void listsAndMapsCostThreeBytesAndOneByteAnElementAndMapsCountTheirNames() {
        assertEquals(1 + 3 + (1 + 1) + (1 + 1) + (1 + 1),
                WriteUnits.itemSize(Map.of("l", AttributeValue.fromL(List.of(s("a"),
                        AttributeValue.fromBool(true), AttributeValue.fromNul(true))))));
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("x", s("ab"));
        inner.put("y", n("7"));
        // "m" + 3 + (1 + "x" + "ab") + (1 + "y" + 2 bytes of 7)
        assertEquals(1 + 3 + (1 + 1 + 2) + (1 + 1 + 2), WriteUnits.itemSize(Map.of("m", AttributeValue.fromM(inner))));
        // two levels: q = 3 + (1 + "r" + 1) = 6; p = 3 + (1 + "q" + 6) = 11; + "p"
        assertEquals(12, WriteUnits.itemSize(Map.of("p", AttributeValue.fromM(Map.of("q",
                AttributeValue.fromM(Map.of("r", AttributeValue.fromBool(true))))))));
        assertEquals(1 + 3, WriteUnits.itemSize(Map.of("e", AttributeValue.fromM(Map.of()))));
    }

    @Test
    void setsAreTheSumOfTheirElements() {
        assertEquals(2 + 1 + 2, WriteUnits.itemSize(Map.of("ss", AttributeValue.fromSs(List.of("a", "bc")))));
        assertEquals(2 + 2 + 4, WriteUnits.itemSize(Map.of("ns", AttributeValue.fromNs(List.of("7", "12345")))));
    }

    @Test
    void oneKibIsOneUnitAndOneByteMoreIsTwo() {
        Map<String, AttributeValue> exactly = Map.of("a", s("x".repeat(1023)));
        Map<String, AttributeValue> over = Map.of("a", s("x".repeat(1024)));
        assertEquals(1024, WriteUnits.itemSize(exactly));
        assertEquals(1, WriteUnits.units(1024));
        assertEquals(2, WriteUnits.units(1025));
        assertEquals(1, WriteUnits.units(0), "a write costs at least one unit");
        assertEquals(1, WriteUnits.put(null, exactly, false, List.of()).tableUnits());
        assertEquals(2, WriteUnits.put(null, exactly, true, List.of()).tableUnits(), "transactions cost twice");
        assertEquals(2, WriteUnits.put(null, over, false, List.of()).tableUnits());
        assertEquals(4, WriteUnits.put(null, over, true, List.of()).tableUnits());
    }

    @Test
    void aPutOverAnItemIsSizedByTheLargerOfTheTwo() {
        Map<String, AttributeValue> large = Map.of("a", s("x".repeat(1500)));
        Map<String, AttributeValue> small = Map.of("a", s("x"));
        WriteUnits.Cost cost = WriteUnits.put(large, small, false, List.of());
        assertEquals(2, cost.bytes());
        assertEquals(2, cost.tableUnits());
    }

    @Test
    void indexesAreWrittenWhereTheOldOrTheNewItemCarriesTheirKeys() {
        String pad = "x".repeat(1100); // "pad" + 1,100 + "k" + 1 = 1,105 bytes: 2 units
        Map<String, AttributeValue> keyed = Map.of("k", s("a"), "pad", s(pad));
        Map<String, AttributeValue> rekeyed = Map.of("k", s("b"), "pad", s(pad));
        Map<String, AttributeValue> unkeyed = Map.of("pad", s(pad));
        List<WriteUnits.Index> indexes = List.of(BY_KEY);

        WriteUnits.Cost created = WriteUnits.put(null, keyed, false, indexes);
        assertEquals(1105, created.bytes());
        assertEquals(Map.of("byKey", write("put", 2)), created.indexes(), "a put of the new entry");
        assertEquals(Map.of("byKey", write("put", 2)), WriteUnits.put(keyed, keyed, false, indexes).indexes(),
                "the same key: the entry is rewritten");
        assertEquals(Map.of("byKey", write("delete", 1)), WriteUnits.put(keyed, unkeyed, false, indexes).indexes(),
                "the key removed: a delete");
        assertEquals(Map.of("byKey", write("delete+put", 1 + 2)),
                WriteUnits.put(keyed, rekeyed, false, indexes).indexes(), "the key changed: a delete and a put");
        assertEquals(Map.of(), WriteUnits.put(unkeyed, unkeyed, false, indexes).indexes(), "never indexed");
        assertEquals(Map.of(), WriteUnits.put(null, keyed, false, List.of(BY_PAIR)).indexes(),
                "an item without the range key is not in the index");
        assertEquals(Map.of("byPair", write("put", 2)),
                WriteUnits.put(null, Map.of("k", s("a"), "r", s("b"), "pad", s(pad)), false, List.of(BY_PAIR))
                        .indexes(), "both keys: indexed (1,107 bytes)");

        WriteUnits.Cost tx = WriteUnits.put(keyed, rekeyed, true, indexes);
        assertEquals(4, tx.tableUnits(), "the table write is doubled in a transaction");
        assertEquals(3, tx.gsiUnits(), "index writes are not");
        assertEquals(7, tx.total());
    }

    private static WriteUnits.IndexWrite write(String kind, long units) {
        return new WriteUnits.IndexWrite(kind, units);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
