package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import dev.roundup.listings.SubmissionTestForms;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every kind of mail Roundup sends, with a word of 120 characters (or as long as the field takes) and a long link in
 * each field a person fills in (a reader's name, a title, an editor's reason, a suggested link, the newsletter's name
 * and postal address): its HTML part is no wider than a 320 or 375 px phone in headless Chromium, even in a client that
 * reads no CSS wrapping rules, and its text part breaks every line that can be broken at 78 columns, leaving only a long
 * word (whole, so that it can be copied and clicked) on a line of its own.
 */
@QuarkusTest
class LongWordsInEveryMailTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Integer> PHONES = List.of(320, 375);
    /** What may stand beside a long word on its line in the text part: an indent, a bullet, quotes, a comma. */
    private static final int BESIDE = 6;

    @Inject
    Drafts drafts;

    /** A word of {@code length} letters without a place a browser would break it. */
    static String word(String tag, int length) {
        return (tag + "AbstractSingletonProxyFactoryBeanConfigurationResolver").repeat(5).substring(0, length);
    }

    static String word(String tag) {
        return word(tag, 120);
    }

    static String link(String tag) {
        return ("https://long.example.org/" + tag + "/" + "segment_with_underscores-and-dashes.".repeat(4)).substring(0, 120);
    }

    private static void settings(Map<String, String> form) {
        Browser.signedInEditor().post("/editor/settings/newsletter", form).then().statusCode(303);
    }

    @BeforeEach
    void aNewsletterWithALongNameAndPostalAddress() {
        settings(Map.of("name", word("newsletter", 100), "postalAddress", "1 Example Street, " + word("postal")));
    }

    @AfterEach
    void backToDefaults() {
        settings(new HashMap<>());
    }

    @Test
    void theConfirmationFitsAPhone() throws Exception {
        String name = word("reader");
        new Browser().post("/subscribe", Map.of("email", "confirm@longwords.test", "name", name, "website", "")).then().statusCode(303);
        fits(Mails.await("confirm@longwords.test", 1, WAIT).get(0), "confirmation", name);
    }

    @Test
    void theReceiptsAndBothDecisionsFitAPhone() throws Exception {
        String maker = "maker@longwords.test";
        String project = word("project", 100);
        Map<String, String> form = SubmissionTestForms.project(project, maker);
        form.put("url", link("projecturl"));
        form.put("makerName", word("maker", 100));
        new Browser().post("/submit/project", form).then().statusCode(303);
        fits(Mails.await(maker, 1, WAIT).get(0), "project-receipt", project);
        // rejected, not approved: an approved listing would be offered in every later draft of the shared database
        long id = Api.asEditor().get("/api/projects?q=" + project).then().extract().jsonPath().getLong("[0].id");
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "reject", "reason", "No.")).post("/api/projects/moderate").then().statusCode(200);
        fits(Mails.await(maker, 2, WAIT).get(1), "project-rejected", project);

        String hr = "hr@longwords.test";
        String job = word("job");
        new Browser().post("/submit/job", SubmissionTestForms.job(job, hr)).then().statusCode(303);
        fits(Mails.await(hr, 1, WAIT).get(0), "job-receipt", job);
        long jobId = Api.asEditor().get("/api/jobs?q=" + job).then().extract().jsonPath().getLong("[0].id");
        String reason = word("reason");
        Api.asEditor().body(Map.of("ids", List.of(jobId), "action", "reject", "reason", "See " + reason + " and " + link("reason")))
                .post("/api/jobs/moderate").then().statusCode(200);
        fits(Mails.await(hr, 2, WAIT).get(1), "job-rejected", job, reason, link("reason"));
    }

    @Test
    void aSuggestionsOutcomeFitsAPhone() throws Exception {
        String url = link("suggested");
        String name = word("suggester", 100); // as long as the field takes
        new Browser().post("/suggest", Map.of("url", url, "name", word("suggester"), "email", "suggester@longwords.test"))
                .then().statusCode(400).body(org.hamcrest.Matchers.containsString("At most 100 characters"));
        new Browser().post("/suggest", Map.of("url", url, "note", "A note: " + word("note"), "name", name, "email", "suggester@longwords.test"))
                .then().statusCode(303);
        long id = Api.asEditor().get("/api/suggestions").then().statusCode(200).extract().jsonPath().getLong("find { it.url == '" + url + "' }.id");
        String reason = word("declined");
        Browser.signedInEditor().post("/editor/suggestions/moderate", Map.of("id", id, "action", "decline",
                "reason", "Because " + reason + ", see " + link("declined"), "back", "pending")).then().statusCode(303);
        fits(Mails.await("suggester@longwords.test", 1, WAIT).get(0), "suggestion-declined", name, url, reason, link("declined"));
    }

    @Test
    void theEditorsDraftMailAndATestSendFitAPhone() throws Exception {
        settings(Map.of("name", word("newsletter", 100), "postalAddress", "1 Example Street, " + word("postal"),
                "draftDay", "WEDNESDAY", "draftTime", "09:00", "timeZone", "UTC", "quietWeek", "5"));
        Fixtures.post("Title " + word("posttitle"), link("post"), Instant.parse("1997-03-06T10:00:00Z"), 1);
        // Wednesday March 12, 1997: a week no other test drafts
        Issue made = drafts.draftIfDue(ZonedDateTime.of(1997, 3, 12, 9, 1, 0, 0, ZoneId.of("UTC")).toInstant()).orElseThrow();
        MimeMessage ready = Awaitility.await().atMost(WAIT).until(() -> GreenMailResource.to(Browser.EDITOR_EMAIL).stream()
                .filter(m -> subject(m).matches(".*" + java.util.regex.Pattern.quote(made.label()) + "\\b.*")).findFirst(), Optional::isPresent).orElseThrow();
        fits(ready, "draft-ready", word("newsletter", 100));

        Browser.signedInEditor().post("/editor/issues/" + made.id + "/test", Map.of("to", "tester@longwords.test")).then().statusCode(303);
        fits(Mails.await("tester@longwords.test", 1, WAIT).get(0), "test-send", word("posttitle"));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both parts of {@code m} show each of {@code words} and keep to a phone's width and to 78 columns where they can. */
    private static void fits(MimeMessage m, String kind, String... words) throws Exception {
        String text = Mails.part(m, "text/plain").replace("\r\n", "\n");
        for (String w : List.of(words)) {
            assertTrue(text.contains(w), kind + ": the text part shows " + w + " whole: " + text);
        }
        for (String line : text.lines().toList()) {
            String bare = line.strip().replaceFirst("^[*-] ", "");
            assertTrue(line.length() <= PlainText.WIDTH || !bare.contains(" "), kind + ": a line that could break at a space: " + line);
            for (String w : words) {
                assertTrue(!line.contains(w) || line.length() <= w.length() + BESIDE, kind + ": more than the long word on its line: " + line);
            }
        }
        String html = Mails.part(m, "text/html");
        Path file = Path.of("target/width/mail-" + kind + ".html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, html);
        // a client that reads no CSS wrapping rules: the <wbr> and the fixed table layout alone keep it narrow
        String noWrapping = html.replaceAll("(?i)(overflow-wrap|word-break|word-wrap)\\s*:\\s*[^;\"}]*;?", "");
        assertFalse(noWrapping.matches("(?is).*(overflow-wrap|word-break|word-wrap).*"), "every wrapping rule is gone");
        Path bare = file.resolveSibling("mail-" + kind + "-no-wrapping-css.html");
        Files.writeString(bare, noWrapping);
        try (Chromium chromium = Chromium.start()) {
            for (int width : PHONES) {
                for (Path page : List.of(file, bare)) {
                    chromium.size(width, 900).open(page.toUri().toString());
                    String shown = String.valueOf(((JavascriptExecutor) chromium.driver()).executeScript("return document.body.innerText;"));
                    for (String w : List.of(words)) {
                        assertTrue(shown.contains(w), kind + ": the HTML part shows " + w);
                    }
                    Object scroll = ((JavascriptExecutor) chromium.driver()).executeScript("return document.documentElement.scrollWidth;");
                    assertFalse(chromium.overflowsHorizontally(), kind + " (" + page.getFileName() + ") is " + scroll + " px wide at " + width);
                }
            }
            chromium.size(375, 900).open(bare.toUri().toString());
            chromium.screenshot("mail-long-words-" + kind + "-375");
        }
    }
}
