package dev.roundup.clicks;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Api;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Click counts, through real HTTP and a real send: with the setting on, an issue's item and sponsor links go through
 * {@code /r/…}, which counts readers' clicks per item and leaves out HEAD requests and a scanner's burst; unsubscribe
 * links stay direct; a forged token is a 404; with the setting off, links go straight to their targets.
 */
@QuarkusTest
class ClickCountsTest {

    static final String READER = "reader@clicks.example.org";
    static final String ITEM = "https://clicks.example.org/story";
    static final String SPONSOR = "https://sponsor.clicks.example.org/";

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    ClicksConfig config;

    @TestHTTPResource("/")
    URL root;

    String base() {
        return root.toString().replaceAll("/$", "");
    }

    @AfterEach
    void clickCountsOffAgain() {
        Api.asEditor().body(Map.of("clickCounts", "")).put("/api/settings/newsletter").then().statusCode(200);
    }

    long draft(LocalDate from, String url) {
        Fixtures.post("Clicks story " + from, url, from.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC), 2);
        long id = drafts.create(from, from.plusDays(7)).id;
        IssueView view = IssueView.load(id).orElseThrow();
        IssueView.ItemView item = view.sections().stream().flatMap(s -> s.items().stream()).filter(i -> i.url().equals(url)).findFirst()
                .orElseThrow();
        long v = curation.updateItem(id, view.version(), item.id(), new Curation.ItemChange(null, "See [the notes](https://notes.clicks.example.org/).", true));
        Api.asEditor().body(Map.of("version", v, "sponsorName", "Clicks Sponsor", "sponsorUrl", SPONSOR)).put("/api/issues/" + id).then()
                .statusCode(200);
        return id;
    }

    static Response get(String url) {
        return RestAssured.given().redirects().follow(false).get(Mails.path(url));
    }

    @Test
    void readersClicksAreCountedPerItemWhileHeadAndAScannersBurstAreNot() throws Exception {
        Api.asEditor().body(Map.of("clickCounts", "on")).put("/api/settings/newsletter").then().statusCode(200);
        long id = draft(LocalDate.of(2036, 3, 3), ITEM);
        Sends.subscribe(List.of(READER));
        Sends.start(id);
        Sends.awaitState(id, "done", Duration.ofMinutes(3));
        Instant done = Instant.now();
        MimeMessage mail = Mails.await(READER, 1, Duration.ofSeconds(30)).stream().filter(m -> text(m).contains("Clicks story 2036-03-03"))
                .findFirst().orElseThrow();
        Document html = Jsoup.parse(Mails.part(mail, "text/html"));
        String itemLink = html.select("a:contains(Clicks story)").attr("href");
        String sponsorLink = html.select("a[href*=\"/r/\"]").stream().map(a -> a.attr("href")).filter(h -> !h.equals(itemLink)).findFirst().orElseThrow();
        assertTrue(itemLink.contains("/r/" + id + ".i"), "the item's link is a click link: " + itemLink);
        assertTrue(Mails.part(mail, "text/plain").contains(itemLink), "and so is the text part's");
        assertFalse(itemLink.contains("reader") || itemLink.contains("@"), "it names no reader");
        assertTrue(html.select("a[href=\"https://notes.clicks.example.org/\"]").size() == 1, "a link inside a blurb stays direct");
        String unsubscribe = html.select("a:contains(Unsubscribe)").attr("href");
        assertTrue(unsubscribe.contains("/unsubscribe/") && !unsubscribe.contains("/r/"), "the unsubscribe link stays direct: " + unsubscribe);
        String listUnsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertTrue(listUnsubscribe.contains("/unsubscribe/") && !listUnsubscribe.contains("/r/"), "List-Unsubscribe stays direct: " + listUnsubscribe);

        // right after delivery: a HEAD, and a burst of GETs from one network (this test's), as a mail scanner makes
        RestAssured.given().redirects().follow(false).head(Mails.path(itemLink)).then().statusCode(302).header("Location", ITEM);
        for (int i = 0; i < config.burst() + 1; i++) {
            get(i % 2 == 0 ? itemLink : sponsorLink).then().statusCode(302);
        }
        // past the scanners' time after delivery, a reader clicks the item and the sponsor
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(done.plus(config.afterDelivery()).plusSeconds(1)));
        get(itemLink).then().statusCode(302).header("Location", ITEM).header("Cache-Control", "no-store");
        get(sponsorLink).then().statusCode(302).header("Location", SPONSOR);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.asEditor().get("/api/issues/" + id + "/clicks").then().statusCode(200)
                .body("total", equalTo(2)).body("sponsor", equalTo(1)).body("items.find { it.url == '" + ITEM + "' }.clicks", equalTo(1)));
        try (Chromium chromium = Chromium.start()) {
            chromium.size(1100, 900).signInAsEditor(base()).open(base() + "/editor/issues/" + id);
            WebElement card = chromium.driver().findElement(By.id("click-counts"));
            assertTrue(card.getText().contains("Clicks: 2"), card.getText());
            Path shot = Path.of("target/screenshots/issue-click-counts.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, card.getScreenshotAs(OutputType.BYTES));
        }
        RestAssured.given().redirects().follow(false).get("/editor/issues/" + id).then().statusCode(302); // counts are for editors
        RestAssured.given().get("/api/issues/" + id + "/clicks").then().statusCode(401);
    }

    @Test
    void aForgedOrCutTokenIsA404NeverARedirect() {
        String real = new ClickLinksProbe().anyToken();
        String forged = real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
        for (String path : List.of(Mails.path(forged), "/r/1.i1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "/r/garbage", "/r/1.sponsor.https:evil.example.org")) {
            RestAssured.given().redirects().follow(false).get(path).then().statusCode(404).header("Location", nullValue())
                    .body(containsString("not one of ours"));
        }
    }

    @Test
    void withClickCountsOffLinksGoStraightToTheirTargets() {
        long id = draft(LocalDate.of(2036, 4, 7), "https://clicks.example.org/direct");
        String off = Api.asEditor().accept("text/html").get("/editor/issues/" + id + "/preview/email").then().statusCode(200).extract().asString();
        Document html = Jsoup.parse(off);
        assertEquals(1, html.select("a[href=\"https://clicks.example.org/direct\"]").size(), "the item's own address");
        assertEquals(1, html.select("a[href=\"" + SPONSOR + "\"]").size(), "the sponsor's own address");
        assertFalse(off.contains("/r/"), "no redirect anywhere");

        Api.asEditor().body(Map.of("clickCounts", "on")).put("/api/settings/newsletter").then().statusCode(200);
        String on = Api.asEditor().accept("text/html").get("/editor/issues/" + id + "/preview/email").then().statusCode(200).extract().asString();
        assertTrue(on.contains("/r/" + id + ".i"), "on, the same issue's links go through the redirect");
        Api.asEditor().body(Map.of("clickCounts", "off")).put("/api/settings/newsletter").then().statusCode(200);
        assertEquals(off.replaceAll("rdn\\w+", ""), Api.asEditor().accept("text/html").get("/editor/issues/" + id + "/preview/email").then().extract().asString()
                .replaceAll("rdn\\w+", ""), "switched off again: exactly as before");
    }

    static String text(MimeMessage m) {
        try {
            return Mails.part(m, "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed by the app under test, through its own {@link ClickLinks}. */
    static final class ClickLinksProbe {
        String anyToken() {
            return io.quarkus.arc.Arc.container().instance(ClickLinks.class).get().item(424242, 1);
        }
    }
}
