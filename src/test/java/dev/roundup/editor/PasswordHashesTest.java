package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rules of editors' password hashes, without an app. */
class PasswordHashesTest {

    @Test
    void aHashIsBcryptAtTheConfiguredCostAndSaltedEachTime() {
        PasswordHashes hashes = new PasswordHashes(5);
        String hash = hashes.hash("correct-horse-battery");
        assertTrue(hash.matches("\\$2[aby]\\$05\\$.{53}"), hash);
        assertNotEquals(hash, hashes.hash("correct-horse-battery"), "a salt of its own each time");
        assertTrue(hashes.matches("correct-horse-battery", hash));
        assertFalse(hashes.matches("correct-horse-batterY", hash));
        assertFalse(hashes.matches(null, hash));
    }

    @Test
    void aHashMadeAtAnotherCostStillMatchesAfterTheCostChanged() {
        String old = new PasswordHashes(4).hash("an older password");
        assertTrue(new PasswordHashes(6).matches("an older password", old));
    }

    @Test
    void aHashMadeWithLessWorkThanTodaysIsWeaker() {
        PasswordHashes today = new PasswordHashes(6);
        assertTrue(today.weakerThanNow(new PasswordHashes(5).hash("p")));
        assertFalse(today.weakerThanNow(today.hash("p")));
        assertFalse(today.weakerThanNow(new PasswordHashes(7).hash("p")), "a stronger hash is left alone");
        assertTrue(today.weakerThanNow("not a bcrypt hash"));
    }

    @Test
    void noEditorMeansNoMatchWhateverThePassword() {
        PasswordHashes hashes = new PasswordHashes(4);
        assertFalse(hashes.matches("roundup-timing-equaliser", null), "the timing hash's own password does not sign anyone in");
        assertFalse(hashes.matches("", null));
    }

    @Test
    void aCostOutsideBcryptsRangeIsRefusedAtStart() {
        assertEquals("roundup.editor.password-cost must be between 4 and 16, not 3",
                assertThrows(IllegalArgumentException.class, () -> new PasswordHashes(3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PasswordHashes(17), "a sign-in would take minutes");
    }
}
