package dev.roundup.mail;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Address;
import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message already laid out by {@link MailLayout}: SMTP and the outbox write its bytes as they are. Only what the
 * transport asks of a message (recipient, envelope sender, subject for its listeners, Message-ID) is kept beside them.
 */
final class WireMessage extends SMTPMessage {

    private final byte[] bytes;
    private final String id;
    private final String subject;
    private final Address[] recipients;

    WireMessage(Session session, byte[] bytes, String id, String subject, Address recipient, String envelopeFrom) {
        super(session);
        this.bytes = bytes;
        this.id = id;
        this.subject = subject;
        this.recipients = new Address[] {recipient};
        setEnvelopeFrom(envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(bytes);
        os.flush();
    }

    @Override
    public String getMessageID() {
        return id;
    }

    @Override
    public String getSubject() {
        return subject;
    }

    @Override
    public Address[] getAllRecipients() {
        return recipients.clone();
    }

    @Override
    public void saveChanges() {
        // laid out already: nothing to update
    }
}
