package dev.roundup.settings;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.editor.Accounts;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Mails;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Settings page: an admin changes the newsletter's name, sender, draft defaults, schedule and time zone, and the
 * next page, mail and draft use them without a restart, also when another instance made the change; a mistake is
 * a 400 naming the field; editors who are not admins are refused.
 */
@QuarkusTest
class SettingsTest {

    @Inject
    Drafts drafts;

    @TestHTTPResource("/")
    URL root;

    @Inject
    NewsletterSettings settings;

    @AfterEach
    void backToDefaults() {
        Map<String, Object> none = new HashMap<>();
        for (Setting s : Setting.values()) {
            none.put(s.key(), null);
        }
        Api.asEditor().body(none).put("/api/settings/newsletter").then().statusCode(200);
    }

    private static void save(Map<String, String> form) {
        Browser.signedInEditor().post("/editor/settings/newsletter", form).then().statusCode(303);
    }

    @Test
    void theNewsletterNameOnThePublicPageChangesAtTheNextRequest() {
        given().get("/").then().statusCode(200).body(not(containsString("The Friday Letter")));
        save(Map.of("name", "The Friday Letter", "tagline", "Fridays, with care"));
        given().get("/").then().statusCode(200).body(containsString("The Friday Letter")).body(containsString("Fridays, with care"));
        given().get("/archive").then().statusCode(200).body(containsString("The Friday Letter"));
        Browser.signedInEditor().get("/editor/settings").then().statusCode(200).body(containsString("value=\"The Friday Letter\""));
    }

    @Test
    void theNextMailHasTheNewFromNameAddressAndReplyTo() throws Exception {
        save(Map.of("fromName", "Lena from Roundup", "from", "lena@letters.test", "replyTo", "replies@letters.test"));
        new Browser().post("/subscribe", Map.of("email", "from-check@example.org", "name", "Reader", "website", "")).then().statusCode(303);
        MimeMessage mail = Mails.await("from-check@example.org", 1, Duration.ofSeconds(10)).get(0);
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("lena@letters.test", from.getAddress());
        assertEquals("Lena from Roundup", from.getPersonal());
        assertEquals("replies@letters.test", ((InternetAddress) mail.getReplyTo()[0]).getAddress());
        assertTrue(mail.getMessageID().endsWith("@letters.test>"), mail.getMessageID());

        save(Map.of("fromName", "", "from", "", "replyTo", ""));
        new Browser().post("/subscribe", Map.of("email", "from-check2@example.org", "name", "Reader", "website", "")).then().statusCode(303);
        MimeMessage second = Mails.await("from-check2@example.org", 1, Duration.ofSeconds(10)).get(0);
        assertEquals("news@roundup.test", ((InternetAddress) second.getFrom()[0]).getAddress(), "empty: back to roundup.mail.from");
        assertEquals(null, second.getHeader("Reply-To"));
    }

    @Test
    void theNextDraftUsesTheDefaultIntroFooterAndSections() {
        save(Map.of("intro", "Hello, {name}!", "footer", "You asked for this.", "projectsSize", "0", "jobsSize", "3",
                "supportNote", "Buy us a coffee.", "name", "Letters"));
        Issue issue = drafts.create(LocalDate.of(2016, 2, 1), LocalDate.of(2016, 2, 8));
        List<String> titles = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(issue.id).sections.stream().map(s -> s.title).toList());
        assertEquals(List.of("Jobs", "From the Community", "Support"), titles, "0 leaves Projects out");
        assertEquals("Hello, {name}!", issue.intro);
        assertEquals("You asked for this.", issue.footer);
        assertTrue(issue.title.startsWith("Letters — Weekly Roundup"), issue.title);
    }

    @Test
    void theWeeklyDraftFollowsTheDayTimeAndZoneInForce() {
        save(Map.of("draftDay", "THURSDAY", "draftTime", "17:30", "timeZone", "America/New_York"));
        ZoneId ny = ZoneId.of("America/New_York");
        ZonedDateTime thursday = ZonedDateTime.of(2013, 6, 13, 17, 29, 0, 0, ny); // a week no other test drafts
        assertTrue(drafts.draftIfDue(thursday.toInstant()).isEmpty(), "a minute early");
        Issue made = drafts.draftIfDue(thursday.plusMinutes(2).toInstant()).orElseThrow();
        assertEquals(LocalDate.of(2013, 6, 6), made.windowFrom);
        assertEquals(LocalDate.of(2013, 6, 13), made.windowTo);
        assertTrue(drafts.draftIfDue(thursday.plusMinutes(3).toInstant()).isEmpty(), "made once a week, whoever ticks next");
        // 17:31 in New York is 21:31 UTC: in UTC it would not have been due then
        save(Map.of("draftDay", "off"));
        assertTrue(drafts.draftIfDue(thursday.plusDays(7).plusMinutes(2).toInstant()).isEmpty(), "off");
    }

    @Test
    void movingTheDraftDayLosesNoDaysAndACancelledIssueTakesNone() {
        // 2012: weeks no other test drafts
        save(Map.of("draftDay", "MONDAY", "draftTime", "06:00", "timeZone", "UTC"));
        ZonedDateTime monday = ZonedDateTime.of(2012, 11, 19, 6, 1, 0, 0, ZoneId.of("UTC"));
        Issue lastWeek = drafts.draftIfDue(monday.toInstant()).orElseThrow();
        assertEquals(List.of(LocalDate.of(2012, 11, 12), LocalDate.of(2012, 11, 19)), List.of(lastWeek.windowFrom, lastWeek.windowTo));

        save(Map.of("draftDay", "SUNDAY", "draftTime", "06:00", "timeZone", "UTC"));
        Issue shorter = drafts.draftIfDue(monday.plusDays(6).toInstant()).orElseThrow();
        assertEquals(List.of(LocalDate.of(2012, 11, 19), LocalDate.of(2012, 11, 25)), List.of(shorter.windowFrom, shorter.windowTo),
                "from where last week's issue ended: Nov 19–24, neither lost nor in two issues");
        assertTrue(drafts.draftIfDue(monday.plusDays(6).plusMinutes(5).toInstant()).isEmpty(), "made once");

        // an issue the editor cancelled covers nothing: the week is drafted all the same
        Issue cancelled = drafts.create(LocalDate.of(2012, 11, 28), LocalDate.of(2012, 12, 5));
        Api.asEditor().body(Map.of("status", "cancelled")).post("/api/issues/" + cancelled.id + "/status").then().statusCode(200);
        Issue week = drafts.draftIfDue(monday.plusDays(13).toInstant()).orElseThrow();
        assertEquals(List.of(LocalDate.of(2012, 11, 25), LocalDate.of(2012, 12, 2)), List.of(week.windowFrom, week.windowTo));

        // an issue the editor made that reaches the draft day already: nothing more to draft
        drafts.create(LocalDate.of(2012, 12, 2), LocalDate.of(2012, 12, 10));
        assertTrue(drafts.draftIfDue(monday.plusDays(20).toInstant()).isEmpty(), "Dec 2–9 is in an issue already");
    }

    @Test
    void withNoSuggestionsKeptARefreshStillBringsMondaysApprovals() {
        save(Map.of("suggestions", "0", "projectsSize", "20"));
        Issue draft = drafts.create(LocalDate.of(2012, 10, 1), LocalDate.of(2012, 10, 8));
        dev.roundup.listings.Project late = dev.roundup.testing.Fixtures.project("Approved After The Draft (no suggestions)",
                dev.roundup.listings.ListingStatus.PUBLISHED, java.time.Instant.now());
        QuarkusTransaction.requiringNew().run(() -> dev.roundup.listings.Project.<dev.roundup.listings.Project>findById(late.id).featured = true);
        long version = Api.asEditor().get("/api/issues/" + draft.id).then().extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", version)).post("/api/issues/" + draft.id + "/suggestions").then().statusCode(200);
        List<String> projects = Api.asEditor().get("/api/issues/" + draft.id).then().extract().jsonPath()
                .getList("sections.find { it.kind == 'projects' }.items.title");
        assertTrue(projects.stream().anyMatch(t -> t.contains("Approved After The Draft (no suggestions)")), "a section's worth at least: " + projects);
    }

    @Test
    void aChangeMadeByAnotherInstanceAppliesWithinSeconds() throws Exception {
        assertEquals("Roundup", settings.name());
        // another instance sharing the database saves: only the row changes
        QuarkusTransaction.requiringNew().run(() -> Issue.getEntityManager()
                .createNativeQuery("update newsletter_setting set setting_value = 'Elsewhere' where name = 'name'").executeUpdate());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(settings::name, equalTo("Elsewhere"));
        given().get("/").then().body(containsString("Elsewhere"));
    }

    @Test
    void mistakesAre400sNamingTheFieldAndSaveNothing() {
        Browser admin = Browser.signedInEditor();
        String page = admin.post("/editor/settings/newsletter", Map.of("name", "Kept", "from", "not an address", "timeZone", "Mars/Olympus",
                "communitySize", "1000", "draftTime", "25:00")).then().statusCode(400).extract().asString();
        assertTrue(page.contains("id=\"e-from\""), "the From field shows its error");
        assertTrue(page.contains("id=\"e-timeZone\""));
        assertTrue(page.contains("id=\"e-communitySize\""));
        assertTrue(page.contains("id=\"e-draftTime\""));
        assertTrue(page.contains("value=\"Kept\""), "the input is kept");
        assertEquals("Roundup", settings.name(), "nothing saved");

        Api.asEditor().body(Map.of("from", "news@example.org\r\nBcc: victim@example.org")).put("/api/settings/newsletter").then()
                .statusCode(400).body("errors.from", containsString("one line"));
        Api.asEditor().body(Map.of("fromName", "Roundup\nBcc: victim@example.org")).put("/api/settings/newsletter").then()
                .statusCode(400).body("errors.fromName", containsString("one line"));
        Api.asEditor().body(Map.of("replyTo", "a@example.org, b@example.org")).put("/api/settings/newsletter").then()
                .statusCode(400).body("errors.replyTo", containsString("email address"));
        Api.asEditor().body(Map.of("draftDay", "Someday")).put("/api/settings/newsletter").then().statusCode(400).body("errors.draftDay", containsString("day"));
        Api.asEditor().body(Map.of("colour", "red")).put("/api/settings/newsletter").then().statusCode(400).body("errors.colour", containsString("No such setting"));
        Api.asEditor().body(Map.of("jobsSize", 7, "timeZone", "Europe/Berlin")).put("/api/settings/newsletter").then().statusCode(200)
                .body("set.jobsSize", equalTo("7")).body("inForce.timeZone", equalTo("Europe/Berlin")).body("inForce.name", equalTo("Roundup"));
    }

    @Test
    void theSettingsPageFitsAPhone() {
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.signInAsEditor(base);
            for (int width : new int[] {320, 375, 390}) {
                chromium.size(width, 900).open(base + "/editor/settings");
                assertFalse(chromium.overflowsHorizontally(), "the Settings page scrolls sideways at " + width + " px");
                chromium.screenshot("settings-" + width);
            }
            chromium.driver().findElement(By.id("f-name")).sendKeys("Phone Letter");
            chromium.driver().findElement(By.id("f-timeZone")).sendKeys("Nowhere/Land");
            chromium.driver().findElement(By.cssSelector("button[type=submit].primary")).click();
            chromium.await(ExpectedConditions.presenceOfElementLocated(By.id("e-timeZone")));
            chromium.screenshot("settings-375-mistake");
            assertEquals(List.of(), chromium.policyViolations());
        }
    }

    @Test
    void onlyAdminsSeeOrChangeSettings() {
        Accounts.add("olga@example.org", "olgas-password", Roles.EDITOR);
        Browser olga = new Browser().signIn("olga@example.org", "olgas-password");
        olga.get("/editor/settings").then().statusCode(403);
        olga.get("/editor/settings/deliverability").then().statusCode(403);
        olga.post("/editor/settings/newsletter", Map.of("name", "Olga's")).then().statusCode(403);
        String token = Accounts.token("olga@example.org", "olgas-password", "olga's script");
        Api.withToken(token).get("/api/settings/newsletter").then().statusCode(403);
        Api.withToken(token).body(Map.of("name", "Olga's")).put("/api/settings/newsletter").then().statusCode(403);
        new Browser().get("/editor/settings").then().statusCode(302);
        // a form without the CSRF token changes nothing
        Browser.signedInEditor().postWithoutToken("/editor/settings/newsletter", Map.of("name", "Forged")).then().statusCode(403);
        assertEquals("Roundup", settings.name());
        // and the access settings' form beside it still works
        Browser.signedInEditor().post("/editor/settings", Map.of("passwordsForApi", "true")).then().statusCode(303);
    }
}
