package dev.roundup.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Moves the mail stylesheet ({@code mail/email.css}) into style attributes of every mail's HTML, as mail clients that
 * strip {@code <style>} need. Rules inside {@code @media} blocks (dark mode, narrow screens) stay in a {@code <style>}
 * element for the clients that read it.
 */
public final class EmailCss {

    private record Rule(String selector, String declarations) {
    }

    private final List<Rule> inline = new ArrayList<>();
    private final String media;

    public EmailCss(String resource) {
        String css;
        try (InputStream in = EmailCss.class.getResourceAsStream(resource)) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing stylesheet " + resource, e));
        }
        css = css.replaceAll("(?s)/\\*.*?\\*/", "");
        StringBuilder mediaBlocks = new StringBuilder();
        int i = 0;
        while (i < css.length()) {
            int open = css.indexOf('{', i);
            if (open < 0) {
                break;
            }
            String selector = css.substring(i, open).strip();
            if (selector.startsWith("@media")) {
                int depth = 1;
                int j = open + 1;
                while (j < css.length() && depth > 0) {
                    depth += css.charAt(j) == '{' ? 1 : css.charAt(j) == '}' ? -1 : 0;
                    j++;
                }
                mediaBlocks.append(css, i, j).append('\n');
                i = j;
                continue;
            }
            int close = css.indexOf('}', open);
            String declarations = css.substring(open + 1, close).strip();
            for (String s : selector.split(",")) {
                inline.add(new Rule(s.strip(), declarations.endsWith(";") ? declarations : declarations + ";"));
            }
            i = close + 1;
        }
        media = mediaBlocks.toString();
    }

    /** Inlines the rules into the document (earlier rules first, then the element's own style) and adds the media block. */
    public void apply(Document doc) {
        java.util.Map<Element, StringBuilder> styles = new java.util.IdentityHashMap<>();
        java.util.Map<Element, String> own = new java.util.IdentityHashMap<>();
        for (Rule rule : inline) {
            for (Element e : doc.select(rule.selector())) {
                own.computeIfAbsent(e, x -> x.attr("style"));
                styles.computeIfAbsent(e, x -> new StringBuilder()).append(rule.declarations()).append(' ');
            }
        }
        // later rules win over earlier ones, and the element's own style over all of them
        styles.forEach((e, css) -> e.attr("style", (css + own.get(e)).strip()));
        if (!media.isEmpty()) {
            doc.head().appendElement("style").attr("type", "text/css").appendText(media);
        }
    }
}
