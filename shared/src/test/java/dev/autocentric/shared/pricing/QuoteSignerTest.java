package dev.autocentric.shared.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Quote ids: any change to any field is rejected; expiry follows a movable clock. */
class QuoteSignerTest {

    static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final QuoteSigner signer = QuoteSigner.fromConfiguration("k".repeat(40), null, clock);

    static QuoteClaims claims() {
        List<QuoteLine> lines = List.of(new QuoteLine("EPRICE", "E-price", 2_749_900),
                new QuoteLine("TRANSFER", "Transfer from Detroit to Troy (18.2 mi)", 9_900),
                new QuoteLine("DOCUMENTATION", "Documentation fee", 14_900),
                new QuoteLine("DELIVERY_PREP", "Delivery inspection and preparation", 24_900));
        return new QuoteClaims("1G1ZD5ST1LF012345", 3, "dlr-a", "dlr-b", "48084", lines, 2_799_600, T0,
                T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aFreshQuoteVerifiesWithEveryClaim() {
        String id = signer.sign(claims());
        QuoteSigner.Valid valid = assertInstanceOf(QuoteSigner.Valid.class, signer.verify(id));
        assertEquals(claims(), valid.claims());
    }

    @Test
    void expiryFollowsTheClock() {
        String id = signer.sign(claims());
        clock.now = T0.plus(Duration.ofMinutes(29)).plusSeconds(59);
        assertInstanceOf(QuoteSigner.Valid.class, signer.verify(id));
        clock.now = T0.plus(Duration.ofMinutes(30));
        assertInstanceOf(QuoteSigner.Expired.class, signer.verify(id));
        clock.now = T0.plus(Duration.ofDays(1));
        assertInstanceOf(QuoteSigner.Expired.class, signer.verify(id));
    }

    @Test
    void changingAnyFieldIsRejected() {
        String id = signer.sign(claims());
        List<Consumer<ObjectNode>> tampers = List.of(
                c -> c.put("vin", "1G1ZD5ST1LF012346"),
                c -> c.put("listingVersion", 4),
                c -> c.put("sellingDealerId", "dlr-x"),
                c -> c.put("deliveryDealerId", "dlr-x"),
                c -> c.put("zip", "48085"),
                c -> c.put("totalCents", 1),
                c -> c.put("issuedAt", "2026-11-26T09:00:00Z"),
                c -> c.put("expiresAt", "2027-11-26T08:30:00Z"),
                c -> ((ObjectNode) c.withArray("lines").get(0)).put("amountCents", 1),
                c -> ((ObjectNode) c.withArray("lines").get(1)).put("code", "FREE"),
                c -> ((ObjectNode) c.withArray("lines").get(2)).put("label", "Nothing"),
                c -> c.withArray("lines").remove(3),
                c -> c.put("extra", true));
        for (Consumer<ObjectNode> tamper : tampers) {
            assertInstanceOf(QuoteSigner.Invalid.class, signer.verify(tampered(id, tamper)), tampered(id, tamper));
        }
        // the signature itself, the version prefix, truncation, another key, garbage
        char last = id.charAt(id.length() - 2);
        assertInstanceOf(QuoteSigner.Invalid.class,
                signer.verify(id.substring(0, id.length() - 2) + (last == 'A' ? 'B' : 'A') + id.charAt(id.length() - 1)));
        assertInstanceOf(QuoteSigner.Invalid.class, signer.verify("q2" + id.substring(2)));
        assertInstanceOf(QuoteSigner.Invalid.class, signer.verify(id.substring(0, id.length() - 5)));
        assertInstanceOf(QuoteSigner.Invalid.class,
                QuoteSigner.fromConfiguration("o".repeat(40), null, clock).verify(id));
        assertInstanceOf(QuoteSigner.Invalid.class,
                QuoteSigner.fromConfiguration(null, "a".repeat(64), clock).verify(id));
        for (String junk : new String[] {null, "", "q1.", "q1..", "q1.!!!.###", "x".repeat(5000)}) {
            assertInstanceOf(QuoteSigner.Invalid.class, signer.verify(junk));
        }
    }

    @Test
    void aQuoteWhoseTotalIsNotItsLinesCannotBeSigned() {
        QuoteClaims c = claims();
        QuoteClaims wrong = new QuoteClaims(c.vin(), c.listingVersion(), c.sellingDealerId(), c.deliveryDealerId(),
                c.zip(), c.lines(), c.totalCents() + 1, c.issuedAt(), c.expiresAt());
        assertThrows(IllegalArgumentException.class, () -> signer.sign(wrong));
        assertThrows(IllegalStateException.class, () -> QuoteSigner.fromConfiguration(" ", null, clock));
    }

    /** The id with its claims changed and the original signature kept. */
    static String tampered(String id, Consumer<ObjectNode> change) {
        String[] parts = id.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) Json.tree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            change.accept(claims);
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
