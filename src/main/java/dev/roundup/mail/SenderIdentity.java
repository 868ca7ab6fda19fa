package dev.roundup.mail;

import java.util.Optional;

/**
 * Who mails come from, asked at each mail so that a change applies to the next one without a restart. Implemented
 * by {@code settings.NewsletterSettings}, which falls back to {@link MailConfig}; mail declares it so that it
 * depends on no feature. Every value is one line: no CR or LF can reach a header.
 */
public interface SenderIdentity {

    /** The newsletter's name, in List-Id. */
    String name();

    /** The From address; its domain is also the Message-ID's. */
    String from();

    /** The name shown beside the From address. */
    String fromName();

    /** Where replies go, when not to the From address. */
    Optional<String> replyTo();

    /** The newsletter's postal address, the last line of every mail (CAN-SPAM), when one is set. */
    Optional<String> postalAddress();
}
