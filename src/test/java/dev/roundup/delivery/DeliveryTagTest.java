package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.roundup.TestSecrets;

/** An issue delivery's tag: only Roundup can make one, and it is found wherever a bounce carries it back. */
class DeliveryTagTest {

    static DeliveryTag tags(String key) {
        DeliveryTag tag = new DeliveryTag();
        tag.secrets = TestSecrets.withKey(key);
        return tag;
    }

    final DeliveryTag tag = tags("a master key of at least thirty-two bytes");

    @Test
    void aTagNamesTheIssueAndTheSubscriber() {
        String t = tag.of(12, 3456);
        assertTrue(t.matches("12\\.3456\\.[0-9a-f]{20}"), t);
        assertEquals(Optional.of(new DeliveryTag.Delivery(12, 3456)), tag.find(t));
    }

    @Test
    void itIsFoundInAHeaderOrAVerpAddressWhateverTheCase() {
        String t = tag.of(7, 8);
        assertEquals(Optional.of(new DeliveryTag.Delivery(7, 8)), tag.find("X-Roundup-Delivery: " + t.toUpperCase()));
        String verp = tag.returnPath("bounces@roundup.test", 7, 8);
        assertEquals("bounces+" + t + "@roundup.test", verp);
        assertEquals(Optional.of(new DeliveryTag.Delivery(7, 8)), tag.find("To: <" + verp + ">"));
    }

    @Test
    void aForgedOrAlteredTagIsNotRecognised() {
        String t = tag.of(7, 8);
        String mac = t.substring(t.lastIndexOf('.') + 1);
        assertEquals(Optional.empty(), tag.find("7.9." + mac), "another subscriber with the same mac");
        assertEquals(Optional.empty(), tag.find("7.8." + "0".repeat(20)));
        assertEquals(Optional.empty(), tags("another master key, also thirty-two bytes long").find(t), "made under another key");
        assertEquals(Optional.empty(), tag.find(null));
        assertEquals(Optional.empty(), tag.find("9999999999999999999.1." + mac), "a number too long is not ours, and no error");
    }

    @Test
    void theFirstGenuineTagWinsOverForgeriesBeforeIt() {
        String t = tag.of(21, 22);
        assertEquals(Optional.of(new DeliveryTag.Delivery(21, 22)), tag.find("21.23." + "a".repeat(20) + " and then " + t));
        assertNotEquals(tag.of(21, 22), tag.of(22, 21));
    }
}
