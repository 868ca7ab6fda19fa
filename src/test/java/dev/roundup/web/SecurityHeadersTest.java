package dev.roundup.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.roundup.listings.ListingStatus;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every answer carries the hardening headers; pages a Content-Security-Policy that forbids framing and anything not
 * from this site; the email preview one that lets its inline styles through; personal answers are never cached.
 * And in a real browser, the pages still work under those policies.
 */
@QuarkusTest
class SecurityHeadersTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Test
    void everyAnswerIsHardened() {
        Browser editor = Browser.signedInEditor();
        List<Response> answers = List.of(given().get("/"), given().get("/static/roundup.css"), given().get("/no-such-page"),
                editor.get("/editor"), Api.asEditor().get("/api/me"), given().get("/login"));
        for (Response r : answers) {
            r.then().header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe")));
        }
        editor.get("/editor").then().header("Cache-Control", "no-store");
        Api.asEditor().get("/api/me").then().header("Cache-Control", "no-store");
        editor.get("/editor/subscribers").then().header("Cache-Control", "no-store");
        given().get("/").then().header("Cache-Control", nullValue());
        // answers that echo what a visitor typed (a refused sign-up shows the address back) are not kept either
        Browser visitor = new Browser();
        visitor.post("/subscribe", java.util.Map.of("email", "not an address", "name", "Lena"))
                .then().statusCode(400).header("Cache-Control", "no-store");
        given().get("/login").then().header("Cache-Control", "no-store");
        // a page number that is no number is the visitor's mistake, said as such
        given().get("/projects?page=abc").then().statusCode(400).body(containsString("pages go from 0 to"));
    }

    @Test
    void theEmailPreviewMayUseInlineStylesAndBeFramedByRoundupOnly() {
        long issue = drafts.create(LocalDate.of(2019, 5, 6), LocalDate.of(2019, 5, 13)).id;
        Browser.signedInEditor().get("/editor/issues/" + issue + "/preview/email").then().statusCode(200)
                .header("Content-Security-Policy", containsString("style-src 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void pagesStillWorkUnderThePolicyInABrowser() {
        long issue = drafts.create(LocalDate.of(2019, 6, 3), LocalDate.of(2019, 6, 10)).id;
        long project = Fixtures.project("Policy check", ListingStatus.PUBLISHED, Instant.now()).id;
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).signInAsEditor(base);
            chromium.policyViolations();

            // the issue page's scripts run: drag and drop (Sortable) and the autosaving editor
            chromium.open(base + "/editor/issues/" + issue);
            assertEquals(Boolean.TRUE, chromium.driver().executeScript("return typeof Sortable === 'function'"));
            // the preview frames the email, whose inline styles apply
            chromium.open(base + "/editor/issues/" + issue + "/preview");
            WebElement frame = chromium.driver().findElement(By.cssSelector("iframe"));
            chromium.driver().switchTo().frame(frame);
            String padding = chromium.driver().findElement(By.cssSelector("td[align=center]")).getCssValue("padding-top");
            chromium.driver().switchTo().defaultContent();
            assertEquals("24px", padding, "the email's inline style applies in the preview");
            // a delete still asks first (data-confirm, by a script file instead of an inline handler)
            chromium.open(base + "/editor/projects/" + project);
            chromium.driver().findElement(By.xpath("//button[text()='Delete']")).click();
            assertTrue(chromium.driver().switchTo().alert().getText().contains("Delete this project?"));
            chromium.driver().switchTo().alert().dismiss();
            chromium.open(base + "/");
            List<String> refused = chromium.policyViolations();
            assertTrue(refused.isEmpty(), "the policy refused: " + refused);
            // and the policy is there, and the console shows what it refuses: an injected inline script does not run
            chromium.driver().executeScript("var s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                    + " document.head.appendChild(s);");
            assertEquals(null, chromium.driver().executeScript("return window.injected"));
            assertEquals(1, chromium.policyViolations().size());
        }
    }
}
