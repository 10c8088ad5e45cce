package dev.autocentric.shared.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check for "no floating-point money anywhere": fails when main code under
 * {@code functions/} or {@code shared/} declares a {@code double}/{@code float} (or boxed) variable,
 * field, parameter, record component or method whose name is about money (cents, price, fee,
 * amount, total, msrp, cost, dollars), maps a money attribute as {@code Double.class}/{@code Float.class},
 * or reads a money field with {@code doubleValue()}/{@code asDouble()}/{@code floatValue()}.
 * Money is {@code long} cents.
 */
class NoFloatingPointMoneyTest {

    static final String MONEY = "(?i:[a-z0-9_]*(cents|price|fee|amount|total|msrp|cost|dollar|money)[a-z0-9_]*)";
    static final Pattern DECLARATION = Pattern.compile("\\b(double|float|Double|Float)\\b(\\s*\\[\\s*])*\\s+(" + MONEY + ")\\b");
    static final Pattern SCHEMA_ATTRIBUTE = Pattern.compile("\\b(Double|Float)\\.class\\b.*\"" + MONEY + "\"");
    static final Pattern READ_AS_FLOAT = Pattern.compile(MONEY + ".*\\.(doubleValue|floatValue|asDouble)\\(");
    static final Pattern CAST = Pattern.compile("\\((double|float)\\)\\s*\\(?\\s*" + MONEY);

    static List<String> offences(String fileName, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
            if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                continue;
            }
            for (Pattern p : List.of(DECLARATION, SCHEMA_ATTRIBUTE, READ_AS_FLOAT, CAST)) {
                Matcher m = p.matcher(code);
                if (m.find()) {
                    found.add(fileName + ":" + (i + 1) + ": " + line.trim());
                    break;
                }
            }
        }
        return found;
    }

    @Test
    void noMainCodeHoldsMoneyInFloatingPoint() throws IOException {
        Path root = root();
        List<Path> sources = new ArrayList<>();
        for (Path top : List.of(root.resolve("functions"), root.resolve("shared"))) {
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(top)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                        .forEach(sources::add);
            }
        }
        assertTrue(sources.size() > 20, "found the main sources under " + root);
        List<String> offences = new ArrayList<>();
        for (Path p : sources) {
            try {
                offences.addAll(offences(root.relativize(p).toString(), Files.readString(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(List.of(), offences, "money must be long cents, never double or float");
    }

    @Test
    void theCheckCatchesEachShape() {
        assertEquals(1, offences("A.java", "    double totalCents = 0;").size());
        assertEquals(1, offences("A.java", "record Q(Double ePriceCents) {}").size());
        assertEquals(1, offences("A.java", "    float fee(long miles) {").size());
        assertEquals(1, offences("A.java", ".addAttribute(Double.class, a -> a.name(\"msrpCents\")").size());
        assertEquals(1, offences("A.java", "long p = (long) body.get(\"ePriceCents\").asDouble();").size());
        assertEquals(1, offences("A.java", "long x = (long) ((double) priceCents * 1.1);").size());
        assertEquals(0, offences("A.java", "    double distanceMiles = 3.5;").size());
        assertEquals(0, offences("A.java", "    long totalCents = 0; // a double totalCents would fail").size());
    }

    private static Path root() {
        String configured = System.getProperty("autocentric.root");
        Path p = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("template.yaml"))) {
                return q;
            }
        }
        throw new IllegalStateException("no template.yaml above " + p);
    }
}
