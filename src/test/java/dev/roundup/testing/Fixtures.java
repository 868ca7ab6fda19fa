package dev.roundup.testing;

import java.time.Instant;

import dev.roundup.feeds.CanonicalUrl;
import dev.roundup.feeds.Post;
import dev.roundup.listings.Job;
import dev.roundup.listings.ListingStatus;
import dev.roundup.listings.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Stored posts, projects and jobs at chosen times, for tests about a week's issue. Each call is its own transaction. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Post post(String title, String url, Instant published, int sources) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Post p = new Post();
            p.canonicalUrl = url;
            p.canonicalHash = CanonicalUrl.sha256(url);
            p.blogName = "Fixture Blog";
            p.title = title;
            p.author = "Fixture Author";
            p.publishedAt = published;
            p.firstSeenAt = published;
            p.contentHtml = "<p>" + title + "</p>";
            p.excerpt = "About " + title;
            p.sourceCount = sources;
            p.persist();
            return p;
        });
    }

    public static Project project(String name, ListingStatus status, Instant approvedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = new Project();
            p.name = name;
            p.url = "https://projects.example.org/" + name.toLowerCase().replaceAll("[^a-z0-9]", "-");
            p.description = "What " + name + " does.";
            p.makerName = "Maker";
            p.makerEmail = "maker@example.org";
            p.status = status;
            p.submittedAt = approvedAt.minusSeconds(3600);
            p.approvedAt = status == ListingStatus.PUBLISHED ? approvedAt : null;
            p.updatedAt = approvedAt;
            p.persist();
            return p;
        });
    }

    public static Job job(String title, ListingStatus status, Instant approvedAt, Instant expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job j = new Job();
            j.title = title;
            j.company = "Acme";
            j.location = "Remote";
            j.applyUrl = "https://jobs.example.org/" + title.toLowerCase().replaceAll("[^a-z0-9]", "-");
            j.description = "Do " + title + ".";
            j.contactEmail = "hr@example.org";
            j.status = status;
            j.submittedAt = approvedAt.minusSeconds(3600);
            j.approvedAt = status == ListingStatus.PUBLISHED ? approvedAt : null;
            j.expiresAt = expiresAt;
            j.updatedAt = approvedAt;
            j.persist();
            return j;
        });
    }
}
