package dev.roundup.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * {@link RelayConnection} over today's {@link Postman#openChannel()}: opens a channel for the first message, sends up
 * to {@code roundup.smtp.messages-per-connection} on it, classifies a failure once ({@link SmtpOutcome#of}) and
 * closes the channel when the server has gone (421, no answer).
 */
final class ChannelConnection implements RelayConnection {

    private final Postman postman;
    private final int messagesPerConnection;
    private MailChannel channel;
    private int sentOnChannel;

    ChannelConnection(Postman postman, int messagesPerConnection) {
        this.postman = postman;
        this.messagesPerConnection = messagesPerConnection;
    }

    @Override
    public SmtpOutcome.Failure send(MimeMessage message) {
        try {
            if (channel == null) {
                channel = postman.openChannel();
                sentOnChannel = 0;
            }
            channel.send(message);
        } catch (MessagingException e) {
            // classified only here, on a failure: a message that went through costs nothing more
            SmtpOutcome.Failure failure = SmtpOutcome.of(e);
            if (failure.connectionGone()) {
                close();
            }
            return failure;
        }
        if (++sentOnChannel >= messagesPerConnection) {
            close();
        }
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
