package dev.roundup.listings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The listing pages of each kind in a real browser: the public projects and jobs pages and the editor's list and edit
 * page show each kind's own fields (a job its company, location and salary; a project its maker and source), and no
 * page is wider than a 320 px phone. Screenshots land in target/screenshots/listing-*.png.
 */
@QuarkusTest
class ListingPagesInABrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void eachKindsPagesShowItsOwnFieldsAndFitA320PxPhone() {
        Browser visitor = new Browser();
        visitor.post("/submit/project", SubmissionTestForms.project("Kindling Ledger", "ledger@kinds.example.org"));
        Map<String, String> job = SubmissionTestForms.job("Kindling Platform Engineer", "jobs@kinds.example.org");
        job.put("company", "Kindling Works");
        job.put("location", "Lisbon");
        visitor.post("/submit/job", job);
        List<Integer> projects = Api.asEditor().get("/api/projects?q=Kindling Ledger").then().extract().path("id");
        List<Integer> jobs = Api.asEditor().get("/api/jobs?q=Kindling Platform").then().extract().path("id");
        assertEquals(1, projects.size());
        assertEquals(1, jobs.size());
        Api.asEditor().body(Map.of("ids", projects, "action", "approve")).post("/api/projects/moderate").then().statusCode(200);
        Api.asEditor().body(Map.of("ids", jobs, "action", "approve")).post("/api/jobs/moderate").then().statusCode(200);
        Api.asEditor().body(Map.of("ids", jobs, "action", "feature")).post("/api/jobs/moderate").then().statusCode(200);

        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).signInAsEditor(base);

            chromium.open(base + "/jobs");
            WebElement jobCard = card(chromium, "Kindling Platform Engineer");
            assertEquals("Kindling Works · Lisbon · €60k–80k", jobCard.findElement(By.cssSelector(".meta")).getText());
            assertTrue(jobCard.getAttribute("class").contains("featured"), "a featured job is marked");
            assertEquals("https://acme.example.org/jobs/1", jobCard.findElement(By.cssSelector("h2 a")).getAttribute("href"));
            assertEquals("/submit/job", path(chromium.driver().findElement(By.cssSelector(".page-head a.primary"))));

            chromium.open(base + "/projects");
            WebElement projectCard = card(chromium, "Kindling Ledger");
            assertEquals("by Maker Kindling Ledger · source", projectCard.findElement(By.cssSelector(".meta")).getText());
            assertFalse(chromium.driver().getPageSource().contains("Kindling Works"), "no job's company on the projects page");
            assertFalse(chromium.driver().getPageSource().contains("Lisbon"), "no job's location on the projects page");
            assertEquals("/submit/project", path(chromium.driver().findElement(By.cssSelector(".page-head a.primary"))));

            chromium.open(base + "/editor/jobs?q=Kindling");
            assertTrue(row(chromium, "Kindling Platform Engineer").getText().contains("at Kindling Works · Lisbon"));
            chromium.open(base + "/editor/projects?q=Kindling");
            assertTrue(row(chromium, "Kindling Ledger").getText().contains("by Maker Kindling Ledger"));

            chromium.open(base + "/editor/jobs/" + jobs.get(0));
            assertEquals(List.of("title", "company", "location", "applyUrl", "description", "salary", "contactEmail", "expires"),
                    fieldNames(chromium));
            chromium.open(base + "/editor/projects/" + projects.get(0));
            assertEquals(List.of("name", "url", "description", "repoUrl", "imageUrl", "makerName", "makerEmail"), fieldNames(chromium));

            Map<String, String> pages = new java.util.LinkedHashMap<>();
            pages.put("projects", "/projects");
            pages.put("jobs", "/jobs");
            pages.put("editor-projects", "/editor/projects?q=Kindling");
            pages.put("editor-jobs", "/editor/jobs?q=Kindling");
            pages.put("editor-project", "/editor/projects/" + projects.get(0));
            pages.put("editor-job", "/editor/jobs/" + jobs.get(0));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                for (int width : new int[] { 320, 1280 }) {
                    chromium.size(width, 900).open(base + page.getValue());
                    long scrollWidth = ((Number) ((JavascriptExecutor) chromium.driver())
                            .executeScript("return document.documentElement.scrollWidth;")).longValue();
                    if (width == 320) {
                        assertTrue(scrollWidth <= 320, page.getKey() + " is " + scrollWidth + " px wide at 320 px");
                    }
                    chromium.screenshot("listing-" + page.getKey() + "-" + width);
                }
            }
        }
    }

    private static WebElement card(Chromium chromium, String title) {
        return chromium.driver().findElement(By.xpath("//article[.//h2[contains(., '" + title + "')]]"));
    }

    private static WebElement row(Chromium chromium, String title) {
        return chromium.driver().findElement(By.xpath("//tr[.//strong[contains(., '" + title + "')]]"));
    }

    /** The names of the edit form's fields, in order, without the CSRF token. */
    private static List<String> fieldNames(Chromium chromium) {
        return chromium.driver().findElements(By.cssSelector("form[action$='/" + chromium.driver().getCurrentUrl().replaceAll(".*/", "")
                + "'] :is(input, textarea):not([type=hidden])")).stream().map(e -> e.getAttribute("name")).toList();
    }

    private static String path(WebElement link) {
        return java.net.URI.create(link.getAttribute("href")).getPath();
    }
}
