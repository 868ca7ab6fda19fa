package dev.roundup.roundup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
