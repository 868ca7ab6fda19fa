package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.roundup.TestSecrets;

/** A single mail's tag (confirmation, receipt, test send), and the one VERP rule. */
class MailTagTest {

    final MailTag tags = tags("a master key of at least thirty-two bytes");

    static MailTag tags(String key) {
        MailTag tag = new MailTag();
        tag.secrets = TestSecrets.withKey(key);
        return tag;
    }

    @Test
    void eachKindHasItsLetterAndComesBackAsItWent() {
        assertTrue(tags.of(MailTag.Kind.CONFIRMATION, 42).matches("c42\\.[0-9a-f]{20}"));
        assertTrue(tags.of(MailTag.Kind.RECEIPT, 0).matches("r0\\.[0-9a-f]{20}"));
        assertTrue(tags.of(MailTag.Kind.TEST, 5).matches("t5\\.[0-9a-f]{20}"));
        for (MailTag.Kind kind : MailTag.Kind.values()) {
            assertEquals(Optional.of(new MailTag.Tagged(kind, 42)), tags.find("X-Roundup-Delivery: " + tags.of(kind, 42).toUpperCase()));
        }
    }

    @Test
    void aTagOfOneKindCannotBePassedOffAsAnother() {
        String confirmation = tags.of(MailTag.Kind.CONFIRMATION, 42);
        assertEquals(Optional.empty(), tags.find("t" + confirmation.substring(1)));
        assertEquals(Optional.empty(), tags.find("c43" + confirmation.substring(3)));
        assertEquals(Optional.empty(), tags("another master key, also thirty-two bytes long").find(confirmation));
        assertEquals(Optional.empty(), tags.find(null));
    }

    @Test
    void aTagGluedToAWordIsNotOne() {
        String t = tags.of(MailTag.Kind.TEST, 5);
        assertEquals(Optional.empty(), tags.find("x" + t), "the letter must start a word");
        assertEquals(Optional.of(new MailTag.Tagged(MailTag.Kind.TEST, 5)), tags.find("bounces+" + t + "@roundup.test"));
    }

    @Test
    void verpPutsTheTagBeforeTheLastAt() {
        assertEquals("bounces+c1.abc@roundup.test", MailTag.verp("bounces@roundup.test", "c1.abc"));
        assertEquals("\"odd@local\"+t2.f@example.org", MailTag.verp("\"odd@local\"@example.org", "t2.f"));
    }
}
