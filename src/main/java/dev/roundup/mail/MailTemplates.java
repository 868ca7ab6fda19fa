package dev.roundup.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * Every mail's two bodies from one template pair, as Renarde does: {@code Feature/name.html} and {@code Feature/name.txt},
 * each {@code {#include mail/base…}} for the masthead, the footer, why the reader gets it and the postal address.
 * A feature declares the pair as one {@code @CheckedTemplate} method taking a {@link MailFrame} first and hands its
 * instance here; the text is wrapped by {@link PlainText}, the HTML gets the mail stylesheet inlined and its long words
 * broken by {@link LongWords}, so no mail is wider than a phone whatever a name, a title, a reason or a link holds.
 */
@ApplicationScoped
public class MailTemplates {

    private static final Variant TEXT = Variant.forContentType(Variant.TEXT_PLAIN);
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);

    private final EmailCss css = new EmailCss("/mail/email.css");

    @Inject
    SenderIdentity sender;

    /** What the base shows, as the settings say now. */
    public MailFrame frame() {
        return new MailFrame(sender.name(), sender.postalAddress().orElse(null));
    }

    /** A mail to one recipient with both bodies rendered from {@code pair}. */
    public Mail mail(String to, String toName, String subject, TemplateInstance pair) {
        return Mail.of(to, toName, subject, text(pair), html(pair).outerHtml());
    }

    /** The pair's text part, wrapped at {@link PlainText#WIDTH} columns. */
    public String text(TemplateInstance pair) {
        return PlainText.wrap(pair.setAttribute(TemplateInstance.SELECTED_VARIANT, TEXT).render());
    }

    /**
     * The pair's HTML part with the stylesheet inlined and long words broken; a word holding one of {@code keep} (a slot
     * filled in later, per reader, as the name and unsubscribe markers) is left whole.
     */
    public Document html(TemplateInstance pair, String... keep) {
        Document doc = Jsoup.parse(pair.setAttribute(TemplateInstance.SELECTED_VARIANT, HTML).render());
        css.apply(doc);
        new LongWords(keep).breakIn(doc.body());
        doc.outputSettings().prettyPrint(false);
        return doc;
    }
}
