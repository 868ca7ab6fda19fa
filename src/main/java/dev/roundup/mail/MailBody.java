package dev.roundup.mail;

import java.util.List;

/**
 * A text or HTML body as it goes over the wire: UTF-8, quoted-printable, CRLF line ends. Made from a string, or joined
 * from pieces encoded apart (an issue's fixed pieces are encoded once per send, a reader's values once per message).
 */
public final class MailBody {

    private final byte[] quotedPrintable;

    private MailBody(byte[] quotedPrintable) {
        this.quotedPrintable = quotedPrintable;
    }

    public static MailBody of(String text) {
        return new MailBody(QuotedPrintable.encode(text));
    }

    /** Encodes one piece of a body for {@link #joined}. */
    public static byte[] piece(String text) {
        return QuotedPrintable.encodePiece(text);
    }

    /** A body from pieces made by {@link #piece}. */
    public static MailBody joined(List<byte[]> pieces) {
        return new MailBody(QuotedPrintable.join(pieces));
    }

    byte[] quotedPrintable() {
        return quotedPrintable;
    }
}
