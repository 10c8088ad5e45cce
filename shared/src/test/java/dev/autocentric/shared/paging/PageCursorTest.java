package dev.autocentric.shared.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    final PageCursor cursors = PageCursor.fromSecret("deployment-secret");

    @Test
    void roundTrips() {
        String cursor = cursors.encode("dealer-1", "1HGCM82633A004352");
        assertEquals("1HGCM82633A004352", cursors.decode("dealer-1", cursor).orElseThrow());
    }

    @Test
    void rejectsTamperedPayload() {
        String cursor = cursors.encode("dealer-1", "1HGCM82633A004352");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("dealer-1\n11111111111111111".getBytes());
        String forged = forgedPayload + cursor.substring(cursor.indexOf('.'));
        assertTrue(cursors.decode("dealer-1", forged).isEmpty());
    }

    @Test
    void rejectsFlippedSignatureAndGarbage() {
        String cursor = cursors.encode("dealer-1", "1HGCM82633A004352");
        char last = cursor.charAt(cursor.length() - 1);
        String flipped = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(cursors.decode("dealer-1", flipped).isEmpty());
        assertTrue(cursors.decode("dealer-1", "not-a-cursor").isEmpty());
        assertTrue(cursors.decode("dealer-1", "a.b.c").isEmpty());
        assertTrue(cursors.decode("dealer-1", "%%%.%%%").isEmpty());
        assertTrue(cursors.decode("dealer-1", "x".repeat(600)).isEmpty());
    }

    @Test
    void aCursorOnlyContinuesItsOwnScopeAndKey() {
        String cursor = cursors.encode("dealer-1", "1HGCM82633A004352");
        assertTrue(cursors.decode("dealer-2", cursor).isEmpty());
        assertTrue(PageCursor.fromSecret("other-deployment").decode("dealer-1", cursor).isEmpty());
    }
}
