package dev.autocentric.shared.dealer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DealerCredentialsTest {

    @Test
    void issuedCredentialNamesItsDealerAndVerifies() {
        DealerCredentials.Issued issued = DealerCredentials.issue("dealer-42");
        assertTrue(issued.credential().startsWith("acd_dealer-42_"));
        DealerCredentials.Presented presented = DealerCredentials.parse(issued.credential()).orElseThrow();
        assertEquals("dealer-42", presented.dealerId());
        assertTrue(DealerCredentials.matches(presented.secret(), issued.salt(), issued.hash()));
    }

    @Test
    void storesNeitherTheSecretNorAnUnsaltedHash() {
        DealerCredentials.Issued a = DealerCredentials.issue("dealer-1");
        String secret = DealerCredentials.parse(a.credential()).orElseThrow().secret();
        assertFalse(a.hash().contains(secret));
        assertNotEquals(DealerCredentials.hash(a.salt(), secret),
                DealerCredentials.hash(DealerCredentials.issue("dealer-1").salt(), secret));
    }

    @Test
    void wrongSecretOrSaltFails() {
        DealerCredentials.Issued issued = DealerCredentials.issue("dealer-1");
        DealerCredentials.Issued other = DealerCredentials.issue("dealer-1");
        String secret = DealerCredentials.parse(issued.credential()).orElseThrow().secret();
        String otherSecret = DealerCredentials.parse(other.credential()).orElseThrow().secret();
        assertFalse(DealerCredentials.matches(otherSecret, issued.salt(), issued.hash()));
        assertFalse(DealerCredentials.matches(secret, other.salt(), issued.hash()));
        assertFalse(DealerCredentials.matches(secret, issued.salt(), "not base64 !"));
    }

    @Test
    void malformedTokensDoNotParse() {
        assertTrue(DealerCredentials.parse(null).isEmpty());
        assertTrue(DealerCredentials.parse("Bearer x").isEmpty());
        assertTrue(DealerCredentials.parse("acd_dealer-1_short").isEmpty());
        assertTrue(DealerCredentials.parse("acd__" + "a".repeat(43)).isEmpty());
        assertTrue(DealerCredentials.parse("acd_DEALER_" + "a".repeat(43)).isEmpty());
    }

    @Test
    void secretsMayContainUnderscores() {
        var p = DealerCredentials.parse("acd_dealer-1_" + "_".repeat(43)).orElseThrow();
        assertEquals("dealer-1", p.dealerId());
    }

    @Test
    void sha256HexOfOperatorToken() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                DealerCredentials.sha256Hex("hello"));
    }
}
