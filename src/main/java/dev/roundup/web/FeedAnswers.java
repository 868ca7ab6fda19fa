package dev.roundup.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndImage;
import com.rometools.rome.feed.synd.SyndImageImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;

/**
 * The one rule for how Roundup answers for its own public feeds ({@code /feed.xml}, {@code /rss.xml},
 * {@code /river.xml}): a strong ETag of the document and its Last-Modified, a 304 when the reader already has it
 * (If-None-Match first; If-Modified-Since only when no ETag is sent, as RFC 9110 says), cacheable, and no cookie:
 * the CSRF and flash filters ask {@link #isFeed} and leave these paths alone.
 */
public final class FeedAnswers {

    private static final Set<String> PATHS = Set.of("/feed.xml", "/rss.xml", "/river.xml");

    /** The address of Roundup's icon, named by every feed and page. */
    public static final String ICON = "/static/icon.png";

    private FeedAnswers() {
    }

    /** Whether {@code path} is one of Roundup's public feeds. */
    public static boolean isFeed(String path) {
        return PATHS.contains(path);
    }

    /**
     * The answer for a feed document: 200 with the body, or 304 without one when the request's validators match.
     * {@code lastModified} may be null (a feed with no entries yet): then only the ETag validates.
     */
    public static Response answer(HttpHeaders request, String body, Instant lastModified, String mediaType) {
        String etag = "\"" + digest(body) + "\"";
        Instant modified = lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS);
        Response.ResponseBuilder answer = notModified(request.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE), etag, modified)
                        ? Response.notModified()
                        : Response.ok(body, mediaType);
        answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        if (modified != null) {
            answer.lastModified(Date.from(modified));
        }
        return answer.build();
    }

    /** Whether a reader holding these validators already has the current document. */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant modified) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince == null || modified == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException unreadable) {
            return false; // an unreadable date is ignored, as the RFC says
        }
    }

    /**
     * Gives a feed what a reader shows and checks: its own address as a {@code rel="self"} link (an Atom link; RSS
     * carries it as {@code atom:link}, the convention validators ask for) and the icon ({@code <icon>} and
     * {@code <logo>} in Atom, {@code <image>} in RSS). {@code page} is the web page the feed stands for.
     */
    public static void describe(SyndFeed feed, String self, String page, String icon) {
        String type = feed.getFeedType().startsWith("rss") ? "application/rss+xml" : "application/atom+xml";
        if (type.equals("application/atom+xml")) {
            SyndLink alternate = new SyndLinkImpl();
            alternate.setRel("alternate");
            alternate.setType("text/html");
            alternate.setHref(page);
            SyndLink selfLink = new SyndLinkImpl();
            selfLink.setRel("self");
            selfLink.setType(type);
            selfLink.setHref(self);
            feed.setLinks(List.of(alternate, selfLink));
        } else {
            Element atomLink = new Element("link", Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom"));
            atomLink.setAttribute("href", self);
            atomLink.setAttribute("rel", "self");
            atomLink.setAttribute("type", type);
            feed.setForeignMarkup(List.of(atomLink));
        }
        SyndImage image = new SyndImageImpl();
        image.setUrl(icon);
        image.setTitle(feed.getTitle());
        image.setLink(page);
        feed.setIcon(image);
        feed.setImage(image);
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
