package dev.roundup.delivery;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.Secrets;
import dev.roundup.mail.MailTag;

/**
 * Names one delivery (issue, subscriber) in a way only Roundup can produce: {@code <issue>.<subscriber>.<mac>}. It
 * travels in the {@code X-Roundup-Delivery} header and in the VERP return path, and comes back in bounce reports;
 * a forged or altered tag is not recognised, so nobody can bounce a subscriber by mailing the bounce box.
 */
@ApplicationScoped
public class DeliveryTag {

    public static final String HEADER = MailTag.HEADER;

    private static final Pattern TAG = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([0-9a-f]{20})");

    @Inject
    Secrets secrets;

    /** A recognised tag: which issue went to which subscriber. */
    public record Delivery(long issueId, long subscriberId) {
    }

    public String of(long issueId, long subscriberId) {
        return issueId + "." + subscriberId + "." + mac(issueId, subscriberId);
    }

    /** The VERP envelope sender for a delivery: {@code bounces+<tag>@example.org} for {@code bounces@example.org}. */
    public String returnPath(String bounceAddress, long issueId, long subscriberId) {
        return MailTag.verp(bounceAddress, of(issueId, subscriberId));
    }

    /** The first genuine tag found anywhere in {@code text} (a header value or an address). */
    public Optional<Delivery> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(text.toLowerCase());
        while (m.find()) {
            try {
                long issue = Long.parseLong(m.group(1));
                long subscriber = Long.parseLong(m.group(2));
                if (mac(issue, subscriber).equals(m.group(3))) {
                    return Optional.of(new Delivery(issue, subscriber));
                }
            } catch (NumberFormatException tooLong) {
                // not ours
            }
        }
        return Optional.empty();
    }

    /** 80 bits of the HMAC, in lower-case hex: it survives mail systems that change the case of local parts. */
    private String mac(long issueId, long subscriberId) {
        byte[] full = Base64.getUrlDecoder().decode(secrets.sign("delivery-tag", issueId + "." + subscriberId));
        return HexFormat.of().formatHex(full, 0, 10);
    }
}
