package dev.roundup.listings;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The public forms take good submissions as pending, thank the submitter by mail, and refuse bad ones field by field. */
@QuarkusTest
class SubmissionTest {

    static Map<String, String> project(String name, String email) {
        return SubmissionTestForms.project(name, email);
    }

    static Map<String, String> job(String title, String email) {
        return SubmissionTestForms.job(title, email);
    }

    @Test
    void aValidProjectIsStoredPendingAndTheMakerGetsAReceipt() throws Exception {
        Response r = new Browser().post("/submit/project", project("Tiny Tracker", "maker1@list.example.org"));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/submit/thanks?what=project"));
        Api.asEditor().get("/api/projects?q=Tiny Tracker").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("pending"))
                .body("[0].description", equalTo("A tool that does one thing well.\nAnd a second line."));
        MimeMessage receipt = Mails.await("maker1@list.example.org", 1, Duration.ofSeconds(10)).get(0);
        assertEquals("We received your project for Roundup", receipt.getSubject());
        assertTrue(Mails.part(receipt, "text/plain").contains("\"Tiny Tracker\""));
        new Browser().get("/projects").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("Tiny Tracker")));
    }

    @Test
    void aValidJobIsStoredPendingAndTheContactGetsAReceipt() throws Exception {
        new Browser().post("/submit/job", job("Backend developer", "hr@list.example.org")).then().statusCode(303);
        Api.asEditor().get("/api/jobs?q=Backend developer").then().body("[0].status", equalTo("pending"))
                .body("[0].open", equalTo(false));
        assertEquals("We received your job for Roundup", Mails.await("hr@list.example.org", 1, Duration.ofSeconds(10)).get(0).getSubject());
    }

    @Test
    void badInputGetsFieldErrorsKeepsTheInputAndStoresNothing() {
        Browser browser = new Browser();
        Map<String, String> bad = project("Bad", "bad@list.example.org");
        bad.put("name", "");
        bad.put("url", "javascript:alert(document.cookie)");
        bad.put("description", "x".repeat(10_000));
        bad.put("makerName", "Mallory\r\nBcc: victim@example.org");
        bad.put("makerEmail", "not-an-address");
        String page = browser.post("/submit/project", bad).then().statusCode(400).extract().asString();
        assertTrue(page.contains("This field is required."), "missing name");
        assertTrue(page.contains("Enter a web address starting with https:// or http://."), "javascript: URL");
        assertTrue(page.contains("At most 600 characters (this has 10000)."), "long description");
        assertTrue(page.contains("Keep this on one line."), "CR/LF in the name");
        assertTrue(page.contains("Enter an email address like name@example.org."));
        assertTrue(page.contains("value=\"javascript:alert(document.cookie)\""), "input kept (escaped, in a value attribute)");
        Api.asEditor().get("/api/projects?q=Mallory").then().body("size()", equalTo(0));

        Map<String, String> badJob = job("", "hr2@list.example.org");
        badJob.put("applyUrl", "ftp://acme.example.org/");
        badJob.remove("company");
        String jobPage = browser.post("/submit/job", badJob).then().statusCode(400).extract().asString();
        assertTrue(jobPage.contains("This field is required."));
        assertTrue(jobPage.contains("Enter a web address"));
        Api.asEditor().get("/api/jobs?q=acme.example.org/").then().body("size()", equalTo(0));
    }

    @Test
    void theHoneypotRejectsBots() {
        Map<String, String> bot = project("Bot Project", "bot@list.example.org");
        bot.put("website", "http://spam.example");
        new Browser().post("/submit/project", bot).then().statusCode(400).body(containsString("looks automated"));
        Api.asEditor().get("/api/projects?q=Bot Project").then().body("size()", equalTo(0));
    }
}
