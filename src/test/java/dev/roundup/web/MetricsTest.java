package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.FeedServer;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Metrics;
import dev.roundup.testing.Sends;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What an operator's Prometheus sees on the management port: the counters move when readers sign up and confirm,
 * when feeds are fetched, and while an issue goes out, with the send's own series and the queue's gauge.
 */
@QuarkusTest
class MetricsTest {

    @Inject
    Drafts drafts;

    @Test
    void signUpsAndConfirmationsAreCounted() throws Exception {
        double signUps = Metrics.value("roundup_signups_total", "source=\"form\"");
        double confirmations = Metrics.value("roundup_confirmations_total");
        Browser reader = new Browser();
        reader.post("/subscribe", Map.of("email", "counted@metrics.test")).then().statusCode(303);
        assertEquals(signUps + 1, Metrics.value("roundup_signups_total", "source=\"form\""));

        String link = Mails.path(Mails.link(Mails.await("counted@metrics.test", 1, Duration.ofSeconds(10)).get(0), "/confirm/"));
        reader.get(link).then().statusCode(200);
        assertEquals(confirmations, Metrics.value("roundup_confirmations_total"), "opening the link confirms nothing, counts nothing");
        reader.post(link, Map.of()).then().statusCode(200);
        reader.post(link, Map.of()).then().statusCode(200);
        assertEquals(confirmations + 1, Metrics.value("roundup_confirmations_total"), "pressing twice is one confirmation");
    }

    @Test
    void feedFetchesAreCountedByOutcome() {
        try (FeedServer blog = FeedServer.start()) {
            blog.serve("/metrics/feed.xml", "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Counted</title>"
                    + "<link>https://counted.test/</link><item><title>A post of its own</title><link>https://counted.test/" + System.nanoTime()
                    + "</link><pubDate>Mon, 02 Jan 2034 10:00:00 GMT</pubDate></item></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            double newPosts = Metrics.value("roundup_feed_fetches_total", "outcome=\"new_posts\"");
            double unchanged = Metrics.value("roundup_feed_fetches_total", "outcome=\"unchanged\"");
            double failed = Metrics.value("roundup_feed_fetches_total", "outcome=\"failed\"");
            long id = Api.asEditor().body(Map.of("url", blog.url("/metrics/feed.xml"))).post("/api/feeds").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            assertEquals(newPosts + 1, Metrics.value("roundup_feed_fetches_total", "outcome=\"new_posts\""), "the first fetch, on adding it");

            Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200);
            assertEquals(unchanged + 1, Metrics.value("roundup_feed_fetches_total", "outcome=\"unchanged\""), "the same feed again (304)");

            blog.status("/metrics/feed.xml", 500, Map.of());
            Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200);
            assertEquals(failed + 1, Metrics.value("roundup_feed_fetches_total", "outcome=\"failed\""));
            Api.asEditor().delete("/api/feeds/" + id).then().statusCode(200);
        }
    }

    @Test
    void aSendIsCountedInItsOwnSeriesAndTheQueueIsAGauge() throws Exception {
        Sends.subscribe(List.of("one@metrics-send.test", "two@metrics-send.test", "three@metrics-send.test"));
        long issueId = drafts.create(LocalDate.of(2019, 3, 4), LocalDate.of(2019, 3, 11)).id;
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofSeconds(60));

        String scrape = Metrics.scrape();
        String issue = "issue=\"" + issueId + "\"";
        double confirmedReaders = Api.asEditor().get("/api/issues/" + issueId + "/send").then().extract().jsonPath().getDouble("sent");
        assertTrue(confirmedReaders >= 3, "the three readers and whoever else the suite confirmed");
        assertEquals(confirmedReaders, Metrics.in(scrape, "roundup_messages_sent_total", issue), scrape);
        assertEquals(0, Metrics.in(scrape, "roundup_messages_failed_total", issue));
        assertEquals(0, Metrics.in(scrape, "roundup_messages_retried_total", issue));
        assertTrue(Metrics.has(scrape, "roundup_deliveries_pending"), "the queue's size is a gauge");
        assertTrue(Metrics.has(scrape, "roundup_send_messages_per_second"), "the send rate is a gauge");
    }
}
