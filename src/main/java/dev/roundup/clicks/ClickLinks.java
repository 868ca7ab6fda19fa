package dev.roundup.clicks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;

/**
 * The one place that makes and reads click links, {@code /r/{issue}.{link}.{mac}}: the link is {@code i<item id>} or
 * {@code sponsor}, signed for a purpose of its own. A token names an issue and one of its links, never a reader, so
 * an issue is still rendered once per send. The target is not in the token: it is read from the issue, so a token
 * cannot be made to lead anywhere else.
 */
@ApplicationScoped
public class ClickLinks {

    static final String PURPOSE = "click-link";
    static final String SPONSOR = "sponsor";
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,18})\\.(i\\d{1,18}|" + SPONSOR + ")\\.([A-Za-z0-9_-]{43})");

    @Inject
    Secrets secrets;

    @Inject
    RoundupConfig roundup;

    /** What a valid token names. {@code itemId} is null for the sponsor's link. */
    record Link(long issueId, String key, Long itemId) {
    }

    /** The click link to an item of an issue. */
    public String item(long issueId, long itemId) {
        return url(issueId, "i" + itemId);
    }

    /** The click link to an issue's sponsor. */
    public String sponsor(long issueId) {
        return url(issueId, SPONSOR);
    }

    private String url(long issueId, String key) {
        String data = issueId + "." + key;
        return roundup.link("/r/" + data + "." + secrets.sign(PURPOSE, data));
    }

    /** What the token names, if it is one this Roundup signed; constant-time check of the signature. */
    Optional<Link> read(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String data = m.group(1) + "." + m.group(2);
        if (!secrets.verify(PURPOSE, data, m.group(3))) {
            return Optional.empty();
        }
        String key = m.group(2);
        return Optional.of(new Link(Long.parseLong(m.group(1)), key, key.equals(SPONSOR) ? null : Long.valueOf(key.substring(1))));
    }
}
