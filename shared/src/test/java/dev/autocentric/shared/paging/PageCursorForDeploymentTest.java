package dev.autocentric.shared.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A deployment's cursors: CURSOR_KEY wins when set; else they follow ADMIN_TOKEN_SHA256, as every function derived them before. */
class PageCursorForDeploymentTest {

    @Test
    void theKeyWinsElseTheAdminHashDecides() {
        String viaKey = PageCursor.forDeployment("k".repeat(32), "a".repeat(64)).encode("s", "x");
        assertEquals(PageCursor.fromSecret("key:" + "k".repeat(32)).encode("s", "x"), viaKey);
        String viaAdmin = PageCursor.forDeployment(" ", "a".repeat(64)).encode("s", "x");
        assertEquals(PageCursor.fromSecret("admin:" + "a".repeat(64)).encode("s", "x"), viaAdmin);
        assertEquals(PageCursor.fromSecret("admin:").encode("s", "x"), PageCursor.forDeployment(null, null).encode("s", "x"));
        assertTrue(PageCursor.forDeployment(null, "b".repeat(64)).decode("s", viaAdmin).isEmpty(), "another deployment's cursor");
    }
}
