package dev.roundup.feeds;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * OPML, the feed-list format of Planet and every feed reader: reading outlines from an upload, writing the feed list.
 * Read with jsoup's XML parser, which never loads external entities.
 */
public final class Opml {

    private Opml() {
    }

    /** An outline with a feed address; title may be null. */
    public record Outline(String xmlUrl, String title) {
    }

    public static List<Outline> read(String opml) {
        Document doc = Jsoup.parse(opml == null ? "" : opml, "", Parser.xmlParser());
        List<Outline> outlines = new ArrayList<>();
        for (Element outline : doc.select("outline")) {
            String url = attr(outline, "xmlUrl");
            if (url == null) {
                continue; // a folder, not a feed
            }
            String title = attr(outline, "title");
            outlines.add(new Outline(url.strip(), title != null ? title : attr(outline, "text")));
        }
        return outlines;
    }

    private static String attr(Element e, String name) {
        for (org.jsoup.nodes.Attribute a : e.attributes()) {
            if (a.getKey().equalsIgnoreCase(name) && !a.getValue().isBlank()) {
                return a.getValue();
            }
        }
        return null;
    }

    public static String write(String title, List<Feed> feeds) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>")
                .append(xml(title)).append("</title></head>\n  <body>\n");
        for (Feed f : feeds) {
            out.append("    <outline type=\"rss\" text=\"").append(xml(f.displayName())).append("\" title=\"")
                    .append(xml(f.displayName())).append("\" xmlUrl=\"").append(xml(f.url)).append('"');
            if (f.siteUrl != null) {
                out.append(" htmlUrl=\"").append(xml(f.siteUrl)).append('"');
            }
            out.append("/>\n");
        }
        return out.append("  </body>\n</opml>\n").toString();
    }

    private static String xml(String s) {
        return Entities.escape(s == null ? "" : dev.roundup.web.XmlText.clean(s)).replace("\"", "&quot;");
    }
}
