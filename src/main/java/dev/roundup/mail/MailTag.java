package dev.roundup.mail;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.Secrets;

/**
 * Names a single mail (a confirmation, a receipt, a test send) in a way only Roundup can produce, so that its bounce
 * is recognised: {@code <kind><id>.<mac>}, e.g. {@code c42.…} for the confirmation mail of subscriber 42. It travels
 * in the {@link #HEADER} header and in the VERP envelope sender, as an issue's delivery tag does; a forged tag is not
 * recognised. Also the one place for the VERP rule: {@code bounces@example.org} + tag → {@code bounces+<tag>@example.org}.
 */
@ApplicationScoped
public class MailTag {

    /** The header that carries a tag, a single mail's or an issue delivery's; bounce reports return it. */
    public static final String HEADER = "X-Roundup-Delivery";

    private static final Pattern TAG = Pattern.compile("(?<![a-z0-9])([crt])(\\d{1,18})\\.([0-9a-f]{20})");

    @Inject
    Secrets secrets;

    /** What a single mail was, and whom or what it was about. */
    public enum Kind {
        /** A double opt-in mail; the id is the subscriber's. */
        CONFIRMATION('c'),
        /** A submission's receipt; the id is the listing's (0 when unknown). */
        RECEIPT('r'),
        /** An issue's test send; the id is the issue's. */
        TEST('t');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        static Optional<Kind> of(char letter) {
            for (Kind k : values()) {
                if (k.letter == letter) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A recognised tag. */
    public record Tagged(Kind kind, long id) {
    }

    public String of(Kind kind, long id) {
        return kind.letter + Long.toString(id) + "." + mac(kind, id);
    }

    /** The first genuine tag found anywhere in {@code text} (a header value or an address). */
    public Optional<Tagged> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(text.toLowerCase());
        while (m.find()) {
            try {
                Optional<Kind> kind = Kind.of(m.group(1).charAt(0));
                long id = Long.parseLong(m.group(2));
                if (kind.isPresent() && mac(kind.get(), id).equals(m.group(3))) {
                    return Optional.of(new Tagged(kind.get(), id));
                }
            } catch (NumberFormatException tooLong) {
                // not ours
            }
        }
        return Optional.empty();
    }

    /** The VERP envelope sender for a tag: {@code bounces+<tag>@example.org} for {@code bounces@example.org}. */
    public static String verp(String bounceAddress, String tag) {
        int at = bounceAddress.lastIndexOf('@');
        return bounceAddress.substring(0, at) + "+" + tag + bounceAddress.substring(at);
    }

    /** 80 bits of the HMAC, in lower-case hex: it survives mail systems that change the case of local parts. */
    private String mac(Kind kind, long id) {
        byte[] full = Base64.getUrlDecoder().decode(secrets.sign("mail-tag", kind.letter + ":" + id));
        return HexFormat.of().formatHex(full, 0, 10);
    }
}
