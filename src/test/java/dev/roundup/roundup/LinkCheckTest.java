package dev.roundup.roundup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.junit.QuarkusTest;

/** Before sending, every link of the issue is tried; broken ones are marked for the editor. */
@QuarkusTest
class LinkCheckTest {

    @Inject
    Drafts drafts;

    @Test
    void brokenLinksAreFlaggedAndWorkingOnesPass() {
        try (FeedServer sites = FeedServer.start()) {
            sites.serve("/fine", "text/html", "<html>fine</html>".getBytes());
            sites.route("/no-head", ex -> {
                int status = ex.getRequestMethod().equals("HEAD") ? 405 : 200;
                ex.sendResponseHeaders(status, -1);
            });
            sites.redirect("/moved", 301, "/fine");
            Issue issue = drafts.create(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 8));
            IssueView view = IssueView.load(issue.id).orElseThrow();
            long section = view.sections().get(0).id();
            long v = view.version();
            for (String path : new String[] { "/fine", "/no-head", "/moved", "/gone" }) {
                v = Api.asEditor().body(Map.of("version", v, "sectionId", section, "title", "Link " + path, "url", sites.url(path)))
                        .post("/api/issues/" + issue.id + "/links").then().statusCode(200).extract().jsonPath().getLong("version");
            }
            Api.asEditor().post("/api/issues/" + issue.id + "/check-links").then().statusCode(200)
                    .body("checked", equalTo(4)).body("broken", equalTo(1));
            IssueView checked = IssueView.load(issue.id).orElseThrow();
            Map<String, String> status = new java.util.HashMap<>();
            // the section also offers projects other tests left unfeatured: only the links added here count
            checked.sections().get(0).items().stream().filter(i -> i.kind().equals("link")).forEach(i -> status.put(i.title(), i.linkStatus()));
            assertEquals(Map.of("Link /fine", "ok", "Link /no-head", "ok", "Link /moved", "ok", "Link /gone", "HTTP 404"), status);
            Browser.signedInEditor().get("/editor/issues/" + issue.id).then().body(containsString("broken link: HTTP 404"));
        }
    }

    @Test
    void theSponsorTheIntroAndTheBlurbsAreCheckedAndBrokenLinksAreAWarningThatSendNowRepeats() {
        try (FeedServer sites = FeedServer.start()) {
            sites.serve("/fine", "text/html", "<html>fine</html>".getBytes());
            sites.serve("/logo.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
            Issue issue = drafts.create(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 8));
            IssueView view = IssueView.load(issue.id).orElseThrow();
            long v = Api.asEditor().body(Map.of("version", view.version(), "sponsorName", "Acme", "sponsorUrl", sites.url("/sponsor-gone"),
                    "sponsorImage", sites.url("/logo.png"), "intro", "Hello. Read [the launch post](" + sites.url("/intro-gone") + ") and "
                            + "[this](" + sites.url("/fine") + ")."))
                    .put("/api/issues/" + issue.id).then().statusCode(200).extract().jsonPath().getLong("version");
            Api.asEditor().body(Map.of("version", v, "sectionId", view.sections().get(0).id(), "title", "A fine item", "url", sites.url("/fine"),
                    "blurb", "See also ![chart](" + sites.url("/chart-gone.png") + ")."))
                    .post("/api/issues/" + issue.id + "/links").then().statusCode(200);

            Browser editor = Browser.signedInEditor();
            editor.post("/editor/issues/" + issue.id + "/check-links", Map.of()).then().statusCode(303);
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(editor.get("/editor/issues/" + issue.id).then().statusCode(200).extract().asString());
            org.jsoup.nodes.Element flash = page.selectFirst(".flash");
            // six links: the sponsor's link and image, two in the intro, the item's own and the image in its blurb
            assertEquals("3 of 6 links are broken: the sponsor's link (HTTP 404); a link in the intro (" + sites.url("/intro-gone")
                    + ") (HTTP 404); a link in the blurb of “A fine item” (" + sites.url("/chart-gone.png") + ") (HTTP 404).", flash.text());
            assertEquals(java.util.Set.of("flash", "warning"), flash.classNames(), "a warning, not the green of a success");
            String question = page.selectFirst("form[action$=/send]").attr("data-confirm");
            assertTrue(question.contains("The last link check found 3 broken links: the sponsor's link (HTTP 404), a link in the intro"), question);

            // mended: the next check passes, and "Send now" no longer mentions broken links
            long v2 = IssueView.load(issue.id).orElseThrow().version();
            Api.asEditor().body(Map.of("version", v2, "sponsorUrl", sites.url("/fine"), "intro", "Hello."))
                    .put("/api/issues/" + issue.id).then().statusCode(200);
            String still = org.jsoup.Jsoup.parse(editor.get("/editor/issues/" + issue.id).then().extract().asString())
                    .selectFirst("form[action$=/send]").attr("data-confirm");
            assertTrue(still.contains("a broken link: a link in the blurb"), "only what is still in the issue: " + still);
            assertFalse(still.contains("sponsor"), still);
        }
    }
}
