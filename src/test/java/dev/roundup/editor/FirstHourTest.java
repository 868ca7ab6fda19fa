package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;

import dev.roundup.listings.SubmissionTestForms;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.TestDatabases;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A new editor's first hour, on an empty newsletter (a database of its own): the dashboard says what to do next at
 * each step (feeds, the draft and when it comes, readers, the send) and holds no placeholder; the moderation page's
 * status pills stay whole on a phone. Screenshots in target/screenshots/.
 */
@QuarkusTest
@TestProfile(FirstHourTest.EmptyNewsletter.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstHourTest {

    public static class EmptyNewsletter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the weekly draft on its usual day (the test profile switches it off), so the dashboard can say when
            return Map.of("quarkus.datasource.jdbc.url", TestDatabases.fresh("first_hour"), "roundup.issues.draft-cron", "0 0 6 ? * MON");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Test
    @Order(1)
    void theDashboardSaysWhatToDoNextUntilTheFirstIssue() {
        Browser editor = Browser.signedInEditor();
        String empty = editor.get("/editor").then().statusCode(200).extract().asString();
        for (String step : List.of("Your first issue in four steps", "No feeds yet.", "href=\"/editor/feeds\">Add feeds",
                "No draft yet. The next one is made automatically Monday, ", "Draft an issue now", "No readers yet.",
                "Add subscribers", "Nothing sent yet.", "Nothing waits for review.")) {
            assertTrue(empty.contains(step), step + " in\n" + empty);
        }
        assertFalse(empty.contains("Arrives with delivery"), "no placeholder text");
        shoot("dashboard-empty", "/editor");

        Api.asEditor().body(Map.of("email", "first.reader@first-hour.example.org", "confirmed", true)).post("/api/subscribers").then()
                .statusCode(201);
        Issue draft = drafts.create(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));
        String later = editor.get("/editor").then().statusCode(200).extract().asString();
        assertTrue(later.contains("<a href=\"/editor/issues/" + draft.id + "\">Issue " + draft.label() + "</a> is waiting for you."), later);
        assertTrue(later.contains("Curate the draft"), later);
        assertTrue(later.contains("<strong>1</strong> confirmed"), later);
        assertTrue(later.contains("When <a href=\"/editor/issues/" + draft.id + "\">issue " + draft.label() + "</a> reads well"), later);
        assertFalse(later.contains("No draft yet.") || later.contains("No readers yet."), later);
    }

    @Test
    @Order(2)
    void statusPillsStayWholeOnAPhone() {
        Browser visitor = new Browser();
        visitor.post("/submit/project", SubmissionTestForms.project("Pill Pending Project", "pills@first-hour.example.org")).then().statusCode(303);
        visitor.post("/submit/project", SubmissionTestForms.project("Pill Rejected Project", "pills@first-hour.example.org")).then().statusCode(303);
        long rejected = Api.asEditor().get("/api/projects?q=Pill Rejected").then().extract().jsonPath().getLong("[0].id");
        Api.asEditor().body(Map.of("ids", List.of(rejected), "action", "reject", "reason", "A reason long enough to fill the cell on a phone"))
                .post("/api/projects/moderate").then().statusCode(200);
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(375, 800).signInAsEditor(base).open(base + "/editor/projects");
            Object wrapped = ((JavascriptExecutor) chromium.driver()).executeScript(
                    "return Array.from(document.querySelectorAll('.status')).filter(function (e) {"
                            + " return e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize); })"
                            + ".map(function (e) { return e.textContent; });");
            assertTrue(((List<?>) wrapped).isEmpty(), "pills broken over lines at 375 px: " + wrapped);
            assertFalse(chromium.overflowsHorizontally(), "the moderation page fits a phone");
            chromium.screenshot("moderation-375");
        }
    }

    private void shoot(String name, String path) {
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(375, 800).signInAsEditor(base).open(base + path);
            assertFalse(chromium.overflowsHorizontally(), path + " fits a phone");
            chromium.screenshot(name + "-375");
            chromium.size(1280, 900).open(base + path);
            chromium.screenshot(name + "-1280");
        }
    }
}
