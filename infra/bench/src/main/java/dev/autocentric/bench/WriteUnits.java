package dev.autocentric.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * DynamoDB write capacity units of item writes, computed from the items themselves (moto answers
 * a fixed ConsumedCapacity, so the emulator cannot be asked). The model, after DynamoDB's
 * documentation:
 * <ul>
 *   <li>item size = the sum over its attributes of (name length in UTF-8 + value size); a string
 *       is its UTF-8 bytes, binary its bytes, a number about (significant digits + 1) / 2 + 1
 *       bytes (leading and trailing zeros do not count), a boolean or null 1 byte, a list or map
 *       3 bytes + 1 byte per element + its elements (a map's elements count their names too), a
 *       set the sum of its elements;</li>
 *   <li>a standard write costs ceil(size / 1 KiB) WCU, at least 1; a Put over an existing item
 *       is sized by the larger of the two items; inside TransactWriteItems the table write costs
 *       twice that;</li>
 *   <li>every global secondary index (projection ALL, so an index entry is the item's size)
 *       whose key attributes the old or the new item carries is written as a standard write:
 *       ceil(new size / 1 KiB) where the new item has the keys and the old one had the same keys
 *       or none, 1 WCU (a delete) where only the old item had them, and both (delete + put) when
 *       the index key changed.</li>
 * </ul>
 */
final class WriteUnits {

    static final int KIB = 1024;

    private WriteUnits() {
    }

    /** A global secondary index of projection ALL: its name and key attributes (hash, then range). */
    record Index(String name, List<String> keys) {
    }

    /** What one write does to an index entry, and its units. */
    record IndexWrite(String kind, long units) {

        @Override
        public String toString() {
            return kind + " " + units;
        }
    }

    /** The cost of one item write: the item's size, the table's WCU and each written index's kind of write and WCU. */
    record Cost(long bytes, long tableUnits, Map<String, IndexWrite> indexes) {

        long gsiUnits() {
            return indexes.values().stream().mapToLong(IndexWrite::units).sum();
        }

        long total() {
            return tableUnits + gsiUnits();
        }
    }

    /**
     * The global secondary indexes of a table as DescribeTable answers them (the bench's tables are
     * made from template.yaml). Only projection ALL is modelled; another projection is refused.
     */
    static List<Index> indexesOf(DynamoDbClient client, String table) {
        List<Index> indexes = new ArrayList<>();
        for (GlobalSecondaryIndexDescription gsi : client.describeTable(b -> b.tableName(table)).table()
                .globalSecondaryIndexes()) {
            if (gsi.projection().projectionType() != ProjectionType.ALL) {
                throw new IllegalArgumentException(table + "." + gsi.indexName() + " is not projection ALL; the "
                        + "model sizes an index entry as the whole item");
            }
            indexes.add(new Index(gsi.indexName(), gsi.keySchema().stream().map(KeySchemaElement::attributeName)
                    .toList()));
        }
        return indexes;
    }

    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> numberSize(v.n());
            case B -> v.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case L -> 3 + v.l().stream().mapToLong(e -> 1 + valueSize(e)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue())).sum();
            case SS -> v.ss().stream().mapToLong(WriteUnits::utf8).sum();
            case NS -> v.ns().stream().mapToLong(WriteUnits::numberSize).sum();
            case BS -> v.bs().stream().map(SdkBytes::asByteArray).mapToLong(b -> b.length).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of unknown type: " + v);
        };
    }

    /** About (significant digits + 1) / 2 + 1 bytes: 1000 has one significant digit, 0.0012 two. */
    static long numberSize(String number) {
        int digits = new BigDecimal(number).stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    /** ceil(bytes / 1 KiB), at least 1. */
    static long units(long bytes) {
        return Math.max(1, (bytes + KIB - 1) / KIB);
    }

    /**
     * A Put of {@code after} over {@code before} ({@code null}: no item had its key), standard or
     * inside TransactWriteItems, with the table's global secondary indexes.
     */
    static Cost put(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional,
                    List<Index> indexes) {
        long newSize = itemSize(after);
        long oldSize = before == null ? 0 : itemSize(before);
        long table = units(Math.max(newSize, oldSize)) * (transactional ? 2 : 1);
        Map<String, IndexWrite> written = new LinkedHashMap<>();
        for (Index index : indexes) {
            Map<String, AttributeValue> oldKey = before == null ? null : key(before, index);
            Map<String, AttributeValue> newKey = key(after, index);
            boolean delete = oldKey != null && !Objects.equals(oldKey, newKey); // the old entry leaves the index
            if (delete && newKey != null) {
                written.put(index.name(), new IndexWrite("delete+put", 1 + units(newSize)));
            } else if (delete) {
                written.put(index.name(), new IndexWrite("delete", 1));
            } else if (newKey != null) {
                written.put(index.name(), new IndexWrite("put", units(newSize)));
            }
        }
        return new Cost(newSize, table, written);
    }

    /** The item's key in the index, or null when the item lacks one of its attributes (not indexed). */
    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item, Index index) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : index.keys()) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                return null;
            }
            key.put(attribute, value);
        }
        return key;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
