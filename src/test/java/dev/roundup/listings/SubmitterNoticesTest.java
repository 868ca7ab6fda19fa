package dev.roundup.listings;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.AtOnce;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Submitters hear how moderation went: one mail per decision, with the editor's reason for a rejection; and the
 * moderation pages say what went wrong as an error (nothing ticked), and take "apply by email" jobs.
 */
@QuarkusTest
class SubmitterNoticesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static long project(String name, String email) throws Exception {
        new Browser().post("/submit/project", SubmissionTestForms.project(name, email)).then().statusCode(303);
        Mails.await(email, 1, WAIT); // the receipt
        return Api.asEditor().get("/api/projects?q=" + name).then().extract().jsonPath().getLong("[0].id");
    }

    private static long job(String title, String email) throws Exception {
        new Browser().post("/submit/job", SubmissionTestForms.job(title, email)).then().statusCode(303);
        Mails.await(email, 1, WAIT);
        return Api.asEditor().get("/api/jobs?q=" + title).then().extract().jsonPath().getLong("[0].id");
    }

    /** Waits long enough for a mail that should not come (no third one arrives meanwhile), then returns what arrived. */
    private static List<MimeMessage> settled(String address) {
        return Mails.settled(address, 2, Duration.ofMillis(1500));
    }

    @Test
    void anApprovedProjectsMakerIsToldOnceHoweverOftenTheEditorClicks() throws Exception {
        String maker = "approved.maker@notice.example.org";
        long id = project("Notice Gadget", maker);
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/projects/moderate", Map.of("id", id, "action", "approve", "back", "/editor/projects/" + id))
                .then().statusCode(303);
        editor.get("/editor/projects/" + id).then().body(containsString("flash success")).body(containsString("The submitter was told by mail."));
        MimeMessage approved = Mails.await(maker, 2, WAIT).get(1);
        assertEquals("Your project for Roundup is approved", approved.getSubject());
        String text = Mails.part(approved, "text/plain");
        assertTrue(text.contains("\"Notice Gadget\" is approved"), text);
        assertTrue(text.contains("http://localhost:8080/projects"), "links to where it is listed");

        editor.post("/editor/projects/moderate", Map.of("id", id, "action", "approve", "back", "/editor/projects/" + id))
                .then().statusCode(303);
        editor.get("/editor/projects/" + id).then().body(containsString("flash warning")).body(containsString("Nothing changed"));
        assertEquals(2, settled(maker).size(), "the second click decides nothing and mails nobody");
    }

    @Test
    void approvalsSentAtTheSameInstantMakeOneMail() throws Exception {
        String maker = "racing.maker@notice.example.org";
        long id = project("Racing Gadget", maker);
        List<Integer> codes = AtOnce.answers(4, () -> Api.asEditor().body(Map.of("ids", List.of(id), "action", "approve"))
                .post("/api/projects/moderate").statusCode());
        assertEquals(List.of(200, 200, 200, 200), codes);
        Mails.await(maker, 2, WAIT);
        assertEquals(2, settled(maker).size(), "a receipt and one approval, not four");
    }

    @Test
    void rejectedJobsInBulkCarryTheEditorsReasonToEachSubmitter() throws Exception {
        long first = job("Notice Role One", "hr.one@notice.example.org");
        long second = job("Notice Role Two", "hr.two@notice.example.org");
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/jobs/moderate", Map.of("id", List.of(first, second), "action", "reject",
                "reason", "Please add a salary range <b>and</b> the city.", "back", "/editor/jobs")).then().statusCode(303);
        for (String hr : List.of("hr.one@notice.example.org", "hr.two@notice.example.org")) {
            MimeMessage rejected = Mails.await(hr, 2, WAIT).get(1);
            assertEquals("Your job for Roundup was not accepted", rejected.getSubject());
            assertTrue(Mails.part(rejected, "text/plain").contains("Please add a salary range <b>and</b> the city."));
            String html = Mails.part(rejected, "text/html");
            assertTrue(html.contains("Please add a salary range &lt;b&gt;and&lt;/b&gt; the city."), "the reason is text, escaped");
        }
        Api.asEditor().get("/api/jobs/" + first).then().body("rejectReason", equalTo("Please add a salary range <b>and</b> the city."));
    }

    @Test
    void aRejectionOverTheApiIsMailedWithItsReasonAndAFeatureIsNot() throws Exception {
        String maker = "api.maker@notice.example.org";
        long id = project("Api Gadget", maker);
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "feature")).post("/api/projects/moderate").then().body("changed", equalTo(1));
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "reject", "reason", "We list open-source tools only."))
                .post("/api/projects/moderate").then().body("changed", equalTo(1));
        MimeMessage rejected = Mails.await(maker, 2, WAIT).get(1);
        assertTrue(Mails.part(rejected, "text/plain").contains("We list open-source tools only."));
        assertEquals(2, settled(maker).size(), "featuring is not a decision to mail");
    }

    @Test
    void aBulkActionWithNothingTickedIsAnErrorNotASuccess() {
        Browser editor = Browser.signedInEditor();
        for (String kind : List.of("projects", "jobs")) {
            String page = editor.post("/editor/" + kind + "/moderate", Map.of("action", "approve", "back", "/editor/" + kind, "status", "pending"))
                    .then().statusCode(400).extract().asString();
            assertTrue(page.contains("class=\"flash error\" role=\"alert\""), page);
            assertTrue(page.contains("tick at least one"), page);
            assertFalse(page.contains("approved."), "no success message");
        }
        Api.asEditor().body(Map.of("ids", List.of(), "action", "approve")).post("/api/jobs/moderate").then().statusCode(400);
    }

    @Test
    void aJobCanBeAppliedToByEmail() throws Exception {
        Map<String, String> form = SubmissionTestForms.job("Mailto Role", "mailto.hr@notice.example.org");
        form.put("applyUrl", "Careers@Acme.Example.ORG");
        new Browser().post("/submit/job", form).then().statusCode(303);
        long id = Api.asEditor().get("/api/jobs?q=Mailto Role").then().extract().jsonPath().getLong("[0].id");
        Api.asEditor().get("/api/jobs/" + id).then().body("applyUrl", equalTo("mailto:Careers@acme.example.org"));

        form.put("title", "Mailto Link Role");
        form.put("applyUrl", "mailto:apply@acme.example.org");
        new Browser().post("/submit/job", form).then().statusCode(303);
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "approve")).post("/api/jobs/moderate").then().body("changed", equalTo(1));
        new Browser().get("/jobs").then().body(containsString("href=\"mailto:Careers@acme.example.org\""));

        for (String bad : List.of("mailto:not-an-address", "javascript:alert(1)", "apply@", "ftp://acme.example.org/",
                "mailto:jobs?bcc=me@b.example.org", "x&body=hi@b.example.org", "a%0D%0Abcc=x@b.example.org")) {
            form.put("title", "Bad Apply " + bad.length());
            form.put("applyUrl", bad);
            String page = new Browser().post("/submit/job", form).then().statusCode(400).extract().asString();
            assertTrue(page.contains("or an email address like jobs@example.org"), bad);
        }
    }
}
