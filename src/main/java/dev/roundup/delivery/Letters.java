package dev.roundup.delivery;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import dev.roundup.RoundupConfig;
import dev.roundup.publishing.IssueRenderer;
import dev.roundup.publishing.RenderedIssue;
import dev.roundup.subscribers.SubscriberLinks;

/**
 * One issue's mail for each of its readers: the issue rendered once, with its fixed pieces encoded for the wire once
 * ({@link #of}), and each reader's copy filled with their name, their unsubscribe link and the List-* headers.
 */
@ApplicationScoped
public class Letters {

    @Inject
    IssueRenderer renderer;

    @Inject
    Postman postman;

    @Inject
    SubscriberLinks links;

    @Inject
    RoundupConfig roundup;

    @Inject
    DeliveryTag tags;

    @Inject
    MailConfig mail;

    @Inject
    SendConfig config;

    /** A composed message and its Message-ID. */
    record Letter(MimeMessage message, String messageId) {
    }

    /** Writes one reader's copy of one issue. */
    interface Composer {
        Letter compose(Deliveries.Claimed reader) throws MessagingException;
    }

    /** The composer of one issue's copies: renders the issue now, once. */
    Composer of(long issueId) {
        RenderedIssue.Prepared<byte[]> rendered = renderer.render(issueId).prepare(MailBody::piece);
        String listId = listId();
        return reader -> compose(issueId, rendered, listId, reader);
    }

    private Letter compose(long issueId, RenderedIssue.Prepared<byte[]> rendered, String listId, Deliveries.Claimed c) throws MessagingException {
        String unsubscribe = roundup.link("/unsubscribe/" + links.unsubscribeToken(c.publicId(), c.tokenVersion()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">" + config.unsubscribeMailto().map(a -> ", <mailto:" + a + "?subject=unsubscribe>").orElse(""));
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", listId);
        headers.put(DeliveryTag.HEADER, tags.of(issueId, c.subscriberId()));
        OutgoingMail outgoing = new OutgoingMail(c.email(), c.name(), rendered.subject(), MailBody.joined(rendered.text(c.name(), unsubscribe)),
                MailBody.joined(rendered.html(c.name(), unsubscribe)), headers,
                mail.bounceAddress().map(a -> tags.returnPath(a, issueId, c.subscriberId())).orElse(null));
        MimeMessage message = postman.compose(outgoing);
        return new Letter(message, message.getMessageID());
    }

    private String listId() {
        String host = URI.create(roundup.link("/")).getHost();
        try {
            // the name is a phrase before the id: encoded on its own, so the <id> stays readable to filters
            return MimeUtility.encodeText(roundup.name(), "UTF-8", null) + " <newsletter." + (host == null ? "localhost" : host) + ">";
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
