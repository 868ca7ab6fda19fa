package dev.roundup.publishing;

import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jsoup.nodes.Entities;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import dev.roundup.RoundupConfig;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.settings.NewsletterSettings;
import dev.roundup.web.FeedAnswers;
import dev.roundup.web.XmlText;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The newsletter on the web: the archive of sent issues, each issue's page, and Atom and RSS feeds of them. */
@Path("/")
public class ArchiveResource {

    static final int FEED_SIZE = 20;

    @Inject
    IssueRenderer renderer;

    @Inject
    RoundupConfig roundup;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    Archive archive;

    /** Issues on one page of the archive. */
    static final int PAGE_SIZE = 100;

    @Location("tags/issueContent.html")
    Template issueContent;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance archive(List<Archive.Listed> issues, int page, boolean hasOlder);

        static native TemplateInstance issue(IssueContent issue, Integer previous, Integer next, String url, java.util.Map<String, String> empty);
    }

    @GET
    @Path("archive")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance archive(@RestQuery Integer page) {
        Archive.Shelf shelf = archive.listed(page == null ? 0 : Math.max(0, page), PAGE_SIZE);
        return Templates.archive(shelf.issues(), shelf.page(), shelf.hasOlder());
    }

    /** {@code /archive/12} or {@code /archive/12-any-words}. */
    @GET
    @Path("archive/{ref}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance issue(@RestPath String ref) {
        int number;
        try {
            number = Integer.parseInt(ref.split("-", 2)[0]);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
        Issue issue = Issue.findByNumber(number).filter(i -> i.status == IssueStatus.SENT).orElseThrow(NotFoundException::new);
        Integer previous = Issue.<Issue>find("status = ?1 and number < ?2 order by number desc", IssueStatus.SENT, number)
                .firstResultOptional().map(i -> i.number).orElse(null);
        Integer next = Issue.<Issue>find("status = ?1 and number > ?2 order by number", IssueStatus.SENT, number)
                .firstResultOptional().map(i -> i.number).orElse(null);
        return Templates.issue(renderer.content(issue.id), previous, next, roundup.link("/archive/" + number), java.util.Map.of());
    }

    @GET
    @Path("feed.xml")
    @Produces("application/atom+xml;charset=UTF-8")
    public Response atom(@Context HttpHeaders request) throws FeedException {
        return feed(request, "atom_1.0", "/feed.xml", "application/atom+xml;charset=UTF-8");
    }

    @GET
    @Path("rss.xml")
    @Produces("application/rss+xml;charset=UTF-8")
    public Response rss(@Context HttpHeaders request) throws FeedException {
        return feed(request, "rss_2.0", "/rss.xml", "application/rss+xml;charset=UTF-8");
    }

    private Response feed(HttpHeaders request, String type, String self, String mediaType) throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setTitle(XmlText.clean(newsletter.name()));
        feed.setLink(roundup.link("/archive"));
        feed.setUri(roundup.link(self));
        feed.setDescription(XmlText.clean(newsletter.tagline()));
        List<Issue> issues = archive.sent(FEED_SIZE);
        feed.setPublishedDate(issues.isEmpty() ? new Date(0) : Date.from(issues.get(0).sentAt));
        boolean rss = type.startsWith("rss");
        feed.setEntries(issues.stream().map(i -> entry(i, rss)).toList());
        FeedAnswers.describe(feed, roundup.link(self), roundup.link("/archive"), roundup.link(FeedAnswers.ICON));
        return FeedAnswers.answer(request, new SyndFeedOutput().outputString(feed), issues.isEmpty() ? null : issues.get(0).sentAt,
                mediaType);
    }

    /**
     * One issue as a feed entry. Every text goes through {@link XmlText}: what editors type (title, intro, blurbs) may
     * hold characters XML forbids. The summary is plain text; RSS readers show an item's description as HTML, so
     * there it is HTML-escaped text, and a {@code <img onerror>} an editor wrote stays visible text.
     */
    private SyndEntry entry(Issue issue, boolean rss) {
        IssueContent c = renderer.content(issue.id);
        SyndEntry e = new SyndEntryImpl();
        // a stable id: the issue's archive address never changes
        e.setUri(c.archiveUrl());
        e.setLink(c.archiveUrl());
        e.setTitle(XmlText.clean(c.title()));
        e.setAuthor(XmlText.clean(newsletter.name()));
        e.setPublishedDate(Date.from(issue.sentAt));
        e.setUpdatedDate(Date.from(issue.sentAt));
        SyndContentImpl summary = new SyndContentImpl();
        String text = XmlText.clean(c.summary());
        summary.setType(rss ? "text/html" : "text");
        summary.setValue(rss ? Entities.escape(text) : text);
        e.setDescription(summary);
        SyndContentImpl content = new SyndContentImpl();
        content.setType("html");
        content.setValue(XmlText.cleanHtml(issueContent.data("issue", c).render()));
        e.setContents(List.of(content));
        return e;
    }
}
