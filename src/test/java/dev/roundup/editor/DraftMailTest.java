package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * When the weekly draft is made, every active editor gets a mail with the counts per section and a link to the
 * issue; a week with fewer items than the setting asks for says so and offers "skip this week", a page whose button
 * cancels the draft (and the issue page restores it).
 */
@QuarkusTest
class DraftMailTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    Drafts drafts;

    private static void save(Map<String, String> form) {
        Browser.signedInEditor().post("/editor/settings/newsletter", form).then().statusCode(303);
    }

    @AfterEach
    void backToDefaults() {
        save(new HashMap<>());
    }

    /** The draft mail about {@code issue} that {@code address} received, once it came. */
    private static MimeMessage draftMail(String address, Issue issue) {
        return Awaitility.await().atMost(WAIT).until(() -> GreenMailResource.to(address).stream()
                .filter(m -> subject(m).matches(".*" + java.util.regex.Pattern.quote(issue.label()) + "\\b.*")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theEditorsAreMailedTheCountsWhenTheWeeklyDraftIsMade() throws Exception {
        Accounts.add("second.editor@draftmail.example.org", "a-long-password-1", "editor");
        save(Map.of("draftDay", "WEDNESDAY", "draftTime", "09:00", "timeZone", "UTC", "quietWeek", "2", "communitySize", "3"));
        for (int i = 1; i <= 4; i++) {
            Fixtures.post("Draft Mail Post " + i, "https://draftmail.example.org/post-" + i, Instant.parse("2006-03-0" + (i + 1) + "T10:00:00Z"), 1);
        }
        // Wednesday March 8, 2006: a week no other test drafts
        Issue made = drafts.draftIfDue(ZonedDateTime.of(2006, 3, 8, 9, 1, 0, 0, ZoneId.of("UTC")).toInstant()).orElseThrow();

        for (String editor : List.of(Browser.EDITOR_EMAIL, "second.editor@draftmail.example.org")) {
            MimeMessage mail = draftMail(editor, made);
            assertTrue(subject(mail).startsWith("Ready for you: " + made.label() + ", 3 items"), subject(mail));
            String text = Mails.part(mail, "text/plain");
            assertTrue(text.contains("- From the Community: 3 included, 1 suggestion"), text);
            assertTrue(text.contains("http://localhost:8080/editor/issues/" + made.id), "links to the issue page: " + text);
            assertTrue(text.contains("The links were not checked"), "the test profile turns the check off: " + text);
            assertFalse(text.contains("Skip this week"), "not a quiet week: " + text);
        }
    }

    @Test
    void aQuietWeeksMailOffersToSkipItAndSkippingCancelsTheDraftUntilRestored() throws Exception {
        save(Map.of("draftDay", "WEDNESDAY", "draftTime", "09:00", "timeZone", "UTC", "quietWeek", "5", "communitySize", "3",
                "projectsSize", "0", "jobsSize", "0"));
        Fixtures.post("The Only Post Of A Quiet Week", "https://draftmail.example.org/quiet", Instant.parse("2007-05-03T10:00:00Z"), 1);
        // Wednesday May 9, 2007
        Issue made = drafts.draftIfDue(ZonedDateTime.of(2007, 5, 9, 9, 5, 0, 0, ZoneId.of("UTC")).toInstant()).orElseThrow();

        MimeMessage mail = draftMail(Browser.EDITOR_EMAIL, made);
        assertEquals("Quiet week: " + made.label() + " has only 1 item (May 2–8)", subject(mail));
        String text = Mails.part(mail, "text/plain");
        assertTrue(text.contains("fewer than the 5 the settings ask for"), text);
        String skip = "http://localhost:8080/editor/issues/" + made.id + "/skip";
        assertTrue(text.replaceAll("\\s+", " ").contains("Skip this week (you can restore it from the issue page): " + skip), text);
        assertTrue(Mails.part(mail, "text/html").contains("href=\"" + skip + "\""), "the HTML part links it too");

        Browser editor = Browser.signedInEditor();
        Document page = Jsoup.parse(editor.get(Mails.path(skip)).then().statusCode(200).extract().asString());
        assertEquals("draft", Api.asEditor().get("/api/issues/" + made.id).then().extract().path("status"), "opening the link changes nothing");
        assertEquals("post", page.select("form[action=/editor/issues/" + made.id + "/status]").attr("method"));
        assertEquals("cancelled", page.select("input[name=status]").val());
        assertFalse(page.select("input[name=_csrf]").val().isEmpty(), "the form carries the CSRF token");

        editor.postWithoutToken("/editor/issues/" + made.id + "/status", Map.of("status", "cancelled")).then().statusCode(403);
        editor.post("/editor/issues/" + made.id + "/status", Map.of("status", "cancelled")).then().statusCode(303);
        assertEquals("cancelled", Api.asEditor().get("/api/issues/" + made.id).then().extract().path("status"));
        editor.get("/editor/issues/" + made.id).then().body(containsString("Undo: restore as a draft"));
        editor.post("/editor/issues/" + made.id + "/restore", Map.of()).then().statusCode(303);
        assertEquals("draft", Api.asEditor().get("/api/issues/" + made.id).then().extract().path("status"));
    }
}
