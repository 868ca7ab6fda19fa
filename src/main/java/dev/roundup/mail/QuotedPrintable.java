package dev.roundup.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Quoted-printable (RFC 2045 §6.7) for the text and HTML parts of outgoing mail, in one pass over the UTF-8 bytes.
 * Jakarta Mail would first scan each body to pick an encoding and then encode it through a chain of streams; on a
 * large send that was where the CPU went (docs/performance.md). Lines end in CRLF, stay within 76 characters, and
 * spaces before a line break are encoded so no relay can strip them. A dot that would begin a line is encoded too, so
 * no line of a body ever begins with one: SMTP has nothing to escape ("dot-stuff") and the bytes go out as they are.
 */
final class QuotedPrintable {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX = 76;

    private QuotedPrintable() {
    }

    private static final byte[] SOFT_BREAK = {'=', '\r', '\n'};

    /**
     * Encodes a piece of a longer text so that pieces encoded apart can be joined with {@link #join}: each ends with a
     * soft line break (removed by decoding), so the next piece starts at the beginning of a line. An issue's fixed
     * pieces are encoded once this way; only a reader's own values are encoded per message.
     */
    static byte[] encodePiece(String piece) {
        byte[] encoded = encode(piece);
        int n = encoded.length;
        if (n == 0 || (n >= 2 && encoded[n - 2] == '\r' && encoded[n - 1] == '\n')) {
            return encoded;
        }
        byte[] out = Arrays.copyOf(encoded, n + SOFT_BREAK.length);
        System.arraycopy(SOFT_BREAK, 0, out, n, SOFT_BREAK.length);
        return out;
    }

    /** Joins pieces from {@link #encodePiece} into one body, without the soft break after the last. */
    static byte[] join(List<byte[]> pieces) {
        int length = 0;
        for (byte[] p : pieces) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int o = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        boolean softAtEnd = o >= 3 && out[o - 3] == '=' && out[o - 2] == '\r' && out[o - 1] == '\n';
        return softAtEnd ? Arrays.copyOf(out, o - 3) : out;
    }

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length + in.length / 8 + 64];
        int o = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                continue; // the \n that follows makes the line break
            }
            if (out.length - o < 8) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == in.length || in[i + 1] == '\n' || in[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
            if (column + (literal ? 1 : 3) > MAX - 1) {
                out[o++] = '=';
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
            }
            literal &= !(b == '.' && column == 0); // no line begins with a dot
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
            column += literal ? 1 : 3;
        }
        return Arrays.copyOf(out, o);
    }
}
