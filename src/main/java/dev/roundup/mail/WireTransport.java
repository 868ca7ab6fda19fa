package dev.roundup.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jboss.logging.Logger;

/**
 * Angus' SMTP transport, except that the data of a {@link WireMessage} goes onto the connection as it is.
 *
 * <p>Angus passes every message through a stream that looks at each byte twice: to turn bare CR or LF into CRLF and to
 * double a dot that begins a line. A laid-out message needs neither ({@link MailLayout} writes CRLF only, and no line
 * of it begins with a dot), so those streams would pass it through unchanged; skipping them spares a sender thread
 * that scan of every byte (docs/performance.md). Everything else (the SMTP dialogue, STARTTLS, authentication,
 * replies, the final "." and its 250) stays Angus' own. Other messages (a DKIM-signed one, parsed back) take Angus'
 * way.
 *
 * <p>Angus keeps its connection stream private, so it is read by reflection once per message; if a later Angus renames
 * it, every message simply takes Angus' way (logged once, and {@code WireTransportTest} fails).
 */
final class WireTransport extends SMTPTransport {

    private static final Logger LOG = Logger.getLogger(WireTransport.class);
    private static final Field CONNECTION = connectionField();

    private Message sending;
    private LaidOut laidOut;

    WireTransport(Session session, boolean implicitTls) {
        super(session, new URLName(implicitTls ? "smtps" : "smtp", null, -1, null, null, null), implicitTls ? "smtps" : "smtp", implicitTls);
    }

    /** Whether laid-out messages skip Angus' byte-by-byte streams here (false only if Angus changed). */
    static boolean writesLaidOutBytes() {
        return CONNECTION != null;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        sending = message;
        try {
            super.sendMessage(message, addresses);
        } finally {
            sending = null;
            laidOut = null;
        }
    }

    @Override
    protected synchronized OutputStream data() throws MessagingException {
        OutputStream checked = super.data(); // sends DATA and reads the 354
        if (!(sending instanceof WireMessage) || CONNECTION == null) {
            return checked;
        }
        try {
            // Angus flushed its buffer before reading the 354; its streams are at the beginning of a line
            laidOut = new LaidOut((OutputStream) CONNECTION.get(this));
            return laidOut;
        } catch (IllegalAccessException e) {
            return checked;
        }
    }

    @Override
    protected synchronized void finishData() throws IOException, MessagingException {
        if (laidOut != null) {
            laidOut.endLine(); // the "." that ends the data must begin a line; a laid-out message ends in CRLF anyway
            laidOut = null;
        }
        super.finishData();
    }

    private static Field connectionField() {
        try {
            Field f = SMTPTransport.class.getDeclaredField("serverOutput");
            f.setAccessible(true);
            return OutputStream.class.isAssignableFrom(f.getType()) ? f : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Messages go through Angus' byte-by-byte SMTP streams (its connection stream is not reachable: %s)", e);
            return null;
        }
    }

    /**
     * The connection, for the bytes of one laid-out message: whole arrays, no flush (Angus flushes after its final
     * "."), and never closed (the connection carries more messages).
     */
    private static final class LaidOut extends FilterOutputStream {
        private int last = '\n';
        private int beforeLast = '\r';

        LaidOut(OutputStream connection) {
            super(connection);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (len >= 2) {
                beforeLast = b[off + len - 2];
                last = b[off + len - 1];
            } else if (len == 1) {
                beforeLast = last;
                last = b[off];
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        void endLine() throws IOException {
            if (beforeLast != '\r' || last != '\n') {
                out.write(new byte[] {'\r', '\n'});
            }
        }

        @Override
        public void flush() {
            // the message and the "." that ends it go out together
        }

        @Override
        public void close() {
            // the connection stays open for the next message
        }
    }
}
