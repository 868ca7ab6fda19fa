package dev.roundup.delivery;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.mail.ListHeaders;
import dev.roundup.mail.Mail;
import dev.roundup.mail.MailBody;
import dev.roundup.mail.MailConfig;
import dev.roundup.publishing.IssueRenderer;
import dev.roundup.publishing.RenderedIssue;
import dev.roundup.subscribers.SubscriberLinks;

/**
 * One issue's mail for each of its readers: the issue rendered once, with its fixed pieces encoded for the wire once
 * ({@link #of}), and each reader's copy a {@link Mail} with their name, their unsubscribe link and the list headers
 * ({@link ListHeaders}, as on a test send).
 */
@ApplicationScoped
public class Letters {

    @Inject
    IssueRenderer renderer;

    @Inject
    SubscriberLinks links;

    @Inject
    RoundupConfig roundup;

    @Inject
    DeliveryTag tags;

    @Inject
    MailConfig mail;

    @Inject
    ListHeaders listHeaders;

    /** Writes one reader's copy of one issue. */
    interface Composer {
        Mail compose(Deliveries.Claimed reader);
    }

    /** The composer of one issue's copies: renders the issue now, once. */
    Composer of(long issueId) {
        RenderedIssue.Prepared<byte[]> rendered = renderer.render(issueId).prepare(MailBody::piece);
        return reader -> compose(issueId, rendered, reader);
    }

    private Mail compose(long issueId, RenderedIssue.Prepared<byte[]> rendered, Deliveries.Claimed c) {
        String unsubscribe = roundup.link("/unsubscribe/" + links.unsubscribeToken(c.publicId(), c.tokenVersion()));
        Map<String, String> headers = listHeaders.of(unsubscribe);
        headers.put(DeliveryTag.HEADER, tags.of(issueId, c.subscriberId()));
        return new Mail(c.email(), c.name(), rendered.subject(), MailBody.joined(rendered.text(c.name(), unsubscribe)),
                MailBody.joined(rendered.html(c.name(), unsubscribe)), headers,
                mail.bounceAddress().map(a -> tags.returnPath(a, issueId, c.subscriberId())).orElse(null));
    }
}
