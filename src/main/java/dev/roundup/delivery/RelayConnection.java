package dev.roundup.delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * A worker's way out to the relay: sends one message and says how it went, as {@link SmtpOutcome} classifies it.
 * Opens its connection when it needs one. Today {@link ChannelConnection} over Postman's {@link MailChannel}; the
 * mail package's connection takes its place there, and only there.
 */
interface RelayConnection extends AutoCloseable {

    /** Sends one message: null when the server accepted it (250), otherwise the classified failure. */
    SmtpOutcome.Failure send(MimeMessage message);

    /** Closes the connection (the next message opens a new one); does nothing when none is open. */
    @Override
    void close();
}
