package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.roundup.feeds.CanonicalUrl;
import dev.roundup.feeds.Post;
import dev.roundup.listings.Job;
import dev.roundup.listings.ListingStatus;
import dev.roundup.listings.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not part of the suite: drafting a week with 10,000 posts, 200 projects and 100 jobs in the database.
 * Run: {@code ./mvnw test -Dtest=DraftingBenchmark}. Results: stdout and target/benchmarks/drafting.txt.
 */
@QuarkusTest
class DraftingBenchmark {

    @Inject
    Drafts drafts;

    @Inject
    EntityManager em;

    @Test
    void draftAWeekOfTenThousandPosts() throws Exception {
        LocalDate from = LocalDate.of(2023, 1, 2);
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int batch = 0; batch < 10; batch++) {
            int b = batch;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = b * 1000; i < (b + 1) * 1000; i++) {
                    Post p = new Post();
                    p.canonicalUrl = "https://bench-draft.example.org/" + i;
                    p.canonicalHash = CanonicalUrl.sha256(p.canonicalUrl);
                    p.blogName = "Blog " + (i % 300);
                    p.title = "Post " + i;
                    p.publishedAt = start.plusSeconds(60L * i);
                    p.firstSeenAt = p.publishedAt;
                    p.contentHtml = "<p>Post " + i + "</p>";
                    p.excerpt = "Post " + i;
                    p.sourceCount = 1 + (i % 17 == 0 ? 2 : 0);
                    p.persist();
                    if (i % 1000 == 999) {
                        em.flush();
                        em.clear();
                    }
                }
            });
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 200; i++) {
                Project p = new Project();
                p.name = "Project " + i;
                p.url = "https://bench-draft.example.org/project/" + i;
                p.description = "d";
                p.makerName = "m";
                p.makerEmail = "m@example.org";
                p.status = ListingStatus.PUBLISHED;
                p.submittedAt = start;
                p.approvedAt = start.plusSeconds(3000L * i);
                p.updatedAt = start;
                p.persist();
            }
            for (int i = 0; i < 100; i++) {
                Job j = new Job();
                j.title = "Job " + i;
                j.company = "c";
                j.location = "Remote";
                j.applyUrl = "https://bench-draft.example.org/job/" + i;
                j.description = "d";
                j.contactEmail = "j@example.org";
                j.status = ListingStatus.PUBLISHED;
                j.submittedAt = start;
                j.approvedAt = start.plusSeconds(6000L * i);
                j.expiresAt = Instant.now().plusSeconds(86_400);
                j.updatedAt = start;
                j.persist();
            }
        });
        // warm up on an earlier, empty week
        drafts.create(from.minusDays(14), from.minusDays(7));

        long t0 = System.nanoTime();
        Issue issue = drafts.create(from, from.plusDays(7));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(4, IssueView.load(issue.id).orElseThrow().sections().size());
        String report = String.format("drafting a week with 10,000 posts, 200 projects and 100 jobs in the database: %d ms (goal < 1,000 ms)%n", ms);
        System.out.println(report);
        Path out = Path.of("target/benchmarks/drafting.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
