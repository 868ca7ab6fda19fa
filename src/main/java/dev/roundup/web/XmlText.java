package dev.roundup.web;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows which characters XML 1.0 allows: tab, line feed, carriage return, U+0020–U+D7FF,
 * U+E000–U+FFFD and the supplementary planes (as surrogate pairs; a lone surrogate is no character at all). Feeds
 * use it when they read text from outside and when they write Atom and RSS, so a stray control character in one post
 * or one issue can never make an XML writer fail.
 */
public final class XmlText {

    /** A numeric character reference as jsoup writes one (and as feeds write them): {@code &#1;}, {@code &#x1;}. */
    private static final Pattern REFERENCE = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));");

    private XmlText() {
    }

    /** Whether XML 1.0 allows this code point in a document. */
    public static boolean allowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    /** {@code text} without the characters XML 1.0 forbids (lone surrogates included); null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int first = firstForbidden(text);
        if (first < 0) {
            return text; // the usual case: no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first; i < text.length();) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (allowed(cp)) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    /**
     * HTML without forbidden characters, neither as themselves nor as numeric references ({@code &#x1;}): a parser
     * turns such a reference back into the character, so HTML that travels on as text must lose both.
     */
    public static String cleanHtml(String html) {
        String text = clean(html);
        if (text == null || text.indexOf("&#") < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            long cp;
            try {
                cp = m.group(1) != null ? Long.parseLong(m.group(1), 16) : Long.parseLong(m.group(2));
            } catch (NumberFormatException tooLong) {
                cp = -1;
            }
            m.appendReplacement(out, cp >= 0 && cp <= Integer.MAX_VALUE && allowed((int) cp) ? "$0" : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Reads {@code in} as it is, minus the characters XML 1.0 forbids: an XML parser behind it never meets one. */
    public static Reader reader(Reader in) {
        return new Filtering(in);
    }

    private static int firstForbidden(String text) {
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Drops forbidden characters while streaming; a surrogate pair split across two reads is kept together. */
    private static final class Filtering extends Reader {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int pos;
        private int end;
        private int carry = -1; // the low half of a pair, owed to the next call

        Filtering(Reader in) {
            this.in = in;
        }

        private int next() throws IOException {
            if (pos == end) {
                int n = in.read(buffer, 0, buffer.length);
                pos = 0;
                end = Math.max(n, 0);
                if (n <= 0) {
                    return -1;
                }
            }
            return buffer[pos++];
        }

        @Override
        public int read(char[] out, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                if (carry >= 0) {
                    out[off + n++] = (char) carry;
                    carry = -1;
                    continue;
                }
                int c = next();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                if (Character.isHighSurrogate((char) c)) {
                    int low = next();
                    if (low >= 0 && Character.isLowSurrogate((char) low)) {
                        out[off + n++] = (char) c;
                        carry = low; // a pair is always allowed: U+10000–U+10FFFF
                    } else if (low >= 0) {
                        pos--; // not a pair: the high half goes, the next character is read again
                    }
                } else if (allowed(c)) {
                    out[off + n++] = (char) c;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
