package dev.roundup.feeds;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import dev.roundup.Newsletter;
import dev.roundup.RoundupConfig;
import dev.roundup.web.FeedAnswers;
import dev.roundup.web.XmlText;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.panache.common.Page;

/** The public river page of recent community posts, and its Atom feed. */
@Path("/")
public class RiverResource {

    @Inject
    River river;

    @Inject
    FeedsConfig config;

    @Inject
    RoundupConfig roundup;

    @Inject
    Newsletter newsletter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance river(River.RiverPage river, boolean fullContent);
    }

    @GET
    @Path("river")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery Integer page, @RestQuery Long feed) {
        return Templates.river(river.page(page == null ? 1 : page, feed), config.riverFullContent());
    }

    @GET
    @Path("river.xml")
    @Produces("application/atom+xml;charset=UTF-8")
    public Response atom(@Context HttpHeaders request) throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(XmlText.clean(newsletter.name() + ": community posts"));
        feed.setLink(roundup.link("/river"));
        feed.setUri(roundup.link("/river.xml"));
        feed.setDescription(XmlText.clean("Recent posts collected by " + newsletter.name()));
        List<Post> posts = river.recent(Instant.now().minus(Duration.ofDays(config.riverDays())), null, null)
                .page(Page.ofSize(100)).list();
        // an empty river is dated at the epoch, so that its document (and ETag) stays the same until a post arrives
        Instant newest = posts.isEmpty() ? null : posts.get(0).publishedAt;
        feed.setPublishedDate(Date.from(newest == null ? Instant.EPOCH : newest));
        feed.setEntries(posts.stream().map(RiverResource::entry).toList());
        FeedAnswers.describe(feed, roundup.link("/river.xml"), roundup.link("/river"), roundup.link(FeedAnswers.ICON));
        return FeedAnswers.answer(request, new SyndFeedOutput().outputString(feed), newest, "application/atom+xml;charset=UTF-8");
    }

    /** Every text through {@link XmlText}: rows stored before ingest cleaned them may hold characters XML forbids. */
    private static SyndEntry entry(Post post) {
        SyndEntry e = new SyndEntryImpl();
        e.setUri(XmlText.clean(post.canonicalUrl));
        e.setLink(XmlText.clean(post.canonicalUrl));
        e.setTitle(XmlText.clean(post.title));
        e.setAuthor(XmlText.clean(post.author != null ? post.author : post.blogName));
        e.setPublishedDate(Date.from(post.publishedAt));
        e.setUpdatedDate(Date.from(post.publishedAt));
        SyndContentImpl content = new SyndContentImpl();
        content.setType("html");
        content.setValue(post.contentHtml == null ? "" : XmlText.cleanHtml(post.contentHtml));
        e.setContents(List.of(content));
        return e;
    }
}
