package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

/** Our quoted-printable encoder, decoded by Jakarta Mail's own decoder: what goes in comes out, within RFC 2045's lines. */
class QuotedPrintableTest {

    @Test
    void decodesBackToTheSameTextWithShortLines() throws Exception {
        Random random = new Random(42);
        String alphabet = "abc XYZ=.\t\u00e9\u2014\u4e2d\ud83d\ude00<>\"'\n\r\n  \n=\n";
        for (int round = 0; round < 300; round++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                int cp = alphabet.codePointAt(random.nextInt(alphabet.length() - 1));
                if (Character.isLowSurrogate((char) cp)) {
                    continue;
                }
                s.appendCodePoint(cp);
            }
            String text = s.toString().replace("\r\n", "\n").replace("\r", "");
            byte[] encoded = QuotedPrintable.encode(text);
            String wire = new String(encoded, StandardCharsets.US_ASCII);
            for (String line : wire.split("\r\n", -1)) {
                assertTrue(line.length() <= 76, "line too long: " + line);
                assertTrue(line.isEmpty() || !Character.isWhitespace(line.charAt(line.length() - 1)), "trailing space: [" + line + "]");
                assertTrue(!line.startsWith("."), "a line begins with a dot, which SMTP would have to escape: " + line);
            }
            assertTrue(wire.chars().allMatch(c -> c < 127 && (c >= 32 || c == '\r' || c == '\n' || c == '\t')), "7-bit only");
            String decoded = new String(MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals(text.replace("\n", "\r\n"), decoded);
        }
    }

    @Test
    void piecesEncodedApartJoinIntoTheWholeText() throws Exception {
        Random random = new Random(7);
        String alphabet = "abc XYZ=...\t\u00e9\u2014 \n";
        for (int round = 0; round < 300; round++) {
            StringBuilder whole = new StringBuilder();
            List<byte[]> pieces = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int p = 0; p < count; p++) {
                StringBuilder piece = new StringBuilder();
                int length = random.nextInt(200);
                for (int i = 0; i < length; i++) {
                    piece.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                whole.append(piece);
                pieces.add(QuotedPrintable.encodePiece(piece.toString()));
            }
            byte[] joined = QuotedPrintable.join(pieces);
            String wire = new String(joined, StandardCharsets.US_ASCII);
            for (String line : wire.split("\r\n", -1)) {
                assertTrue(line.length() <= 76, "line too long: " + line);
                assertTrue(line.isEmpty() || !Character.isWhitespace(line.charAt(line.length() - 1)), "trailing space: [" + line + "]");
                assertTrue(!line.startsWith("."), "a line begins with a dot, which SMTP would have to escape: " + line);
            }
            assertTrue(!wire.endsWith("=\r\n"), "no soft break after the last piece");
            String decoded = new String(MimeUtility.decode(new ByteArrayInputStream(joined), "quoted-printable").readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals(whole.toString().replace("\n", "\r\n"), decoded);
        }
    }
}
