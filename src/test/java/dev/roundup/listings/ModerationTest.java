package dev.roundup.listings;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Editors decide what the public sees: approved and unexpired only, and nothing a submitter typed can run. */
@QuarkusTest
class ModerationTest {

    static long submitProject(String name) {
        new Browser().post("/submit/project", SubmissionTest.project(name, "mod@list.example.org")).then().statusCode(303);
        return Api.asEditor().get("/api/projects?q=" + name).then().extract().jsonPath().getLong("[0].id");
    }

    static long submitJob(String title) {
        new Browser().post("/submit/job", SubmissionTest.job(title, "modjobs@list.example.org")).then().statusCode(303);
        return Api.asEditor().get("/api/jobs?q=" + title).then().extract().jsonPath().getLong("[0].id");
    }

    @Test
    void approvingInTheBrowserPublishesAndRejectingKeepsItOff() {
        long good = submitProject("Good Widget");
        long spam = submitProject("Spammy Widget");
        Browser editor = Browser.signedInEditor();
        editor.get("/editor/projects?status=pending").then().statusCode(200).body(containsString("Good Widget"))
                .body(containsString("Spammy Widget"));
        editor.post("/editor/projects/moderate", Map.of("id", good, "action", "approve")).then().statusCode(303);
        editor.post("/editor/projects/moderate", Map.of("id", spam, "action", "reject", "reason", "Looks like an ad")).then().statusCode(303);
        editor.get("/editor/projects?status=rejected").then().body(containsString("Looks like an ad"));

        String publicPage = new Browser().get("/projects").then().statusCode(200).extract().asString();
        assertTrue(publicPage.contains("Good Widget"));
        assertFalse(publicPage.contains("Spammy Widget"));
        assertFalse(publicPage.contains("mod@list.example.org"), "the maker's email is never public");
        editor.postWithoutToken("/editor/projects/moderate", Map.of("id", spam, "action", "approve")).then().statusCode(403);
    }

    @Test
    void anEditorDeletesAListingOfEitherKindFromItsPageAndAMissingOneIsNotFound() {
        long project = submitProject("Deletable Widget");
        long job = submitJob("Deletable Engineer");
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/projects/" + project + "/delete", Map.of()).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/editor/projects"));
        editor.get("/editor/projects").then().body(containsString("Project deleted.")).body(org.hamcrest.Matchers.not(containsString("Deletable Widget")));
        editor.post("/editor/jobs/" + job + "/delete", Map.of()).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/editor/jobs"));
        editor.get("/editor/jobs").then().body(containsString("Job deleted.")).body(org.hamcrest.Matchers.not(containsString("Deletable Engineer")));
        editor.get("/editor/projects/" + project).then().statusCode(404);
        editor.get("/editor/jobs/" + job).then().statusCode(404);
        Api.asEditor().get("/api/jobs/" + job).then().statusCode(404);
    }

    @Test
    void bulkModerationOverTheApi() {
        long a = submitProject("Bulk Alpha");
        long b = submitProject("Bulk Beta");
        Api.asEditor().body(Map.of("ids", List.of(a, b), "action", "approve")).post("/api/projects/moderate").then()
                .statusCode(200).body("changed", equalTo(2));
        Api.asEditor().get("/api/projects/" + a).then().body("status", equalTo("published")).body("approvedAt", org.hamcrest.Matchers.notNullValue());
        Api.asEditor().body(Map.of("ids", List.of(b), "action", "reject", "reason", "Duplicate")).post("/api/projects/moderate")
                .then().body("changed", equalTo(1));
        Api.asEditor().get("/api/projects/" + b).then().body("status", equalTo("rejected")).body("rejectReason", equalTo("Duplicate"));
        Api.asEditor().body(Map.of("ids", List.of(a), "action", "explode")).post("/api/projects/moderate").then().statusCode(400);
        Api.asEditor().delete("/api/projects/" + b).then().statusCode(204);
        Api.asEditor().get("/api/projects/" + b).then().statusCode(404);
    }

    @Test
    void anUnknownActionIsRefusedEvenWhenNoListingMatches() {
        for (String kind : List.of("projects", "jobs")) {
            Api.asEditor().body(Map.of("ids", List.of(999_999_999L), "action", "bogus")).post("/api/" + kind + "/moderate").then()
                    .statusCode(400).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("detail", org.hamcrest.Matchers.containsString("Unknown action bogus"));
        }
    }

    @Test
    void jobsShowWhileOpenAndFeaturedOnesStandOut() {
        long open = submitJob("Open Role");
        long featured = submitJob("Starred Role");
        long old = submitJob("Expired Role");
        Api.asEditor().body(Map.of("ids", List.of(open, featured, old), "action", "approve")).post("/api/jobs/moderate").then()
                .body("changed", equalTo(3));
        Api.asEditor().body(Map.of("ids", List.of(featured), "action", "feature")).post("/api/jobs/moderate");
        Api.asEditor().get("/api/jobs/" + open).then().body("open", equalTo(true));
        Instant expires = Instant.parse(Api.asEditor().get("/api/jobs/" + open).then().extract().path("expiresAt"));
        assertTrue(expires.isAfter(Instant.now().plus(29, ChronoUnit.DAYS)) && expires.isBefore(Instant.now().plus(31, ChronoUnit.DAYS)),
                "30 days after approval");
        QuarkusTransaction.requiringNew().run(() -> Job.<Job>findById(old).expiresAt = Instant.now().minusSeconds(60));

        String page = new Browser().get("/jobs").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Open Role"));
        assertTrue(page.contains("⭐"));
        assertTrue(page.indexOf("Starred Role") < page.indexOf("Open Role"), "featured first");
        assertFalse(page.contains("Expired Role"), "expired jobs leave by themselves");
        assertFalse(page.contains("modjobs@list.example.org"));
        List<Job> candidates = QuarkusTransaction.requiringNew().call(() ->
                Job.postedBetween(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plusSeconds(5), Instant.now()));
        assertTrue(candidates.stream().noneMatch(j -> j.id == old), "and leave drafts");
        assertTrue(candidates.stream().anyMatch(j -> j.id == open));

        Browser editor = Browser.signedInEditor();
        editor.post("/editor/jobs/" + open, Map.of("title", "Open Role", "company", "Acme", "location", "Berlin",
                "applyUrl", "https://acme.example.org/apply", "description", "Still open.", "contactEmail", "hr@acme.example.org",
                "expires", "2099-12-31")).then().statusCode(303);
        Api.asEditor().get("/api/jobs/" + open).then().body("location", equalTo("Berlin"))
                .body("expiresAt", containsString("2100-01-01"));
    }

    @Test
    void anXssPayloadInAnyFieldIsInert() {
        String payload = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
        Map<String, String> form = SubmissionTest.project("Xss Probe", "xss@list.example.org");
        form.put("description", payload + "\n" + payload);
        form.put("makerName", payload);
        form.put("url", "https://xss.example.org/?q=\"><script>alert(3)</script>");
        String refused = new Browser().post("/submit/project", form).then().statusCode(400).extract().asString();
        assertFalse(refused.contains("<script>alert"), "the re-shown form is inert too");
        form.put("url", "https://xss.example.org/");
        new Browser().post("/submit/project", form).then().statusCode(303);
        long id = Api.asEditor().get("/api/projects?q=Xss Probe").then().extract().jsonPath().getLong("[0].id");
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "approve")).post("/api/projects/moderate");
        for (String page : List.of(new Browser().get("/projects").asString(), Browser.signedInEditor().get("/editor/projects").asString(),
                Browser.signedInEditor().get("/editor/projects/" + id).asString())) {
            assertFalse(page.contains("<script>alert"), page);
            assertFalse(page.contains("<img src=x"));
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        }
    }
}
