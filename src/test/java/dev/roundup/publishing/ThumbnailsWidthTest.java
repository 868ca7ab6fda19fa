package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;

import dev.roundup.RoundupConfig;
import dev.roundup.enrichment.Articles;
import dev.roundup.enrichment.EnrichmentPass;
import dev.roundup.enrichment.GuardedEnrichment;
import dev.roundup.enrichment.Pictures;
import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A full issue with thumbnails on in every section (four sections of twelve links, each with a picture and a blurb of
 * the usual length) keeps #11's promises: nothing wider than a 320 or 375 px screen in headless Chromium, and the
 * HTML part under Gmail's 102 KB clipping limit.
 */
@QuarkusTest
@TestProfile(GuardedEnrichment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThumbnailsWidthTest {

    static final int SECTIONS = 4;
    static final int LINKS = 12;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    EnrichmentPass pass;

    @Inject
    IssueRenderer renderer;

    @Inject
    RoundupConfig roundup;

    FeedServer blog;
    long issueId;

    @BeforeAll
    void aFullIssueWithThumbnailsOn() {
        blog = new FeedServer("127.0.0.2");
        for (int p = 0; p < 6; p++) {
            blog.serve("/picture-" + p + ".jpg", "image/jpeg", Pictures.image(p % 2 == 0 ? "jpeg" : "png", 1200 + p * 100, 630 + p * 40));
        }
        issueId = drafts.create(LocalDate.of(2041, 9, 2), LocalDate.of(2041, 9, 9)).id;
        long v = IssueView.load(issueId).orElseThrow().version();
        String blurb = "A blurb the editor wrote, about as long as the ones a week brings, with a few words on why it matters to readers "
                + "and what they will find when they follow the link. ";
        for (int s = 0; s < SECTIONS; s++) {
            v = curation.addSection(issueId, v, "Section " + s + " of the week");
            IssueView view = IssueView.load(issueId).orElseThrow();
            long sectionId = view.sections().get(view.sections().size() - 1).id();
            for (int i = 0; i < LINKS; i++) {
                String path = "/post-" + s + "-" + i + ".html";
                Articles.article(blog, path, "/picture-" + ((s * LINKS + i) % 6) + ".jpg", 400 + 90 * i);
                String title = i == 0 ? "A title with AbstractSingletonProxyFactoryBeanConfigurationResolverAbstractSingletonProxyFactoryBean"
                        : "How we made our build " + (i + 2) + " times faster by caching the right things in section " + s;
                v = curation.addLink(issueId, v, sectionId, title, blog.url(path), blurb + blurb);
            }
            v = curation.updateSection(issueId, v, sectionId, null, null, true);
        }
        pass.run();
        long withThumbnails = IssueView.load(issueId).orElseThrow().sections().stream().flatMap(s -> s.items().stream())
                .filter(i -> i.card() != null && i.card().thumbnailPath() != null).count();
        assertEquals(SECTIONS * LINKS, withThumbnails, "every link got its thumbnail");
    }

    @AfterAll
    void stop() {
        blog.close();
    }

    @Test
    void theEmailWithThumbnailsFitsPhonesAndStaysUnderGmailsClipping() throws Exception {
        String html = renderer.render(issueId).forReader("Lena Schmidt", "https://news.example.org/unsubscribe/T").html();
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < LongWordsWidthTest.GMAIL_CLIP, "HTML " + bytes + " bytes");
        assertEquals(SECTIONS * LINKS, org.jsoup.Jsoup.parse(html).select("img[src^=" + roundup.link("/thumbnails/") + "]").size());

        // the mail as a reader's client opens it: the pictures load from this Roundup
        String base = root.toString().replaceAll("/$", "");
        Path file = Path.of("target/width/email-thumbnails-" + issueId + ".html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, html.replace(roundup.link("/thumbnails/"), base + "/thumbnails/"));
        try (Chromium chromium = Chromium.start()) {
            for (int width : java.util.List.of(320, 375)) {
                chromium.size(width, 900).open(file.toUri().toString());
                chromium.await(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                        "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);"));
                Object natural = ((JavascriptExecutor) chromium.driver()).executeScript(
                        "return Array.from(document.images).map(i => i.naturalWidth + 'x' + i.width).filter((v, n, a) => a.indexOf(v) === n).join();");
                assertEquals("240x120", natural, "thumbnails are 240 px, shown at 120");
                LongWordsWidthTest.assertFits(chromium, "email with thumbnails at " + width);
                chromium.screenshot("email-thumbnails-" + width);
            }
        }
    }

    @Test
    void theEditorTurnsThumbnailsOffAndOnPerSectionAndSeesWhatEachPageGave() {
        String base = root.toString().replaceAll("/$", "");
        try (Chromium chromium = Chromium.start()) {
            chromium.signInAsEditor(base).size(1280, 900).open(base + "/editor/issues/" + issueId);
            org.openqa.selenium.WebElement toggle = chromium.driver().findElements(org.openqa.selenium.By.cssSelector("[data-section-thumbnails]"))
                    .get(IssueView.load(issueId).orElseThrow().sections().size() - SECTIONS);
            assertTrue(toggle.isSelected(), "on, as saved");
            toggle.click();
            org.awaitility.Awaitility.await().until(() -> !lastSections().get(0).thumbnails());
            assertTrue(lastSections().stream().skip(1).allMatch(IssueView.SectionView::thumbnails), "only that section changed");
            toggle.click();
            org.awaitility.Awaitility.await().until(() -> lastSections().get(0).thumbnails());
            String card = chromium.driver().findElement(org.openqa.selenium.By.cssSelector("[data-link-card]")).getText();
            assertTrue(card.contains("Example Blog") && card.contains("Ada Lovelace") && card.contains("min read"), card);
            chromium.screenshot("editor-thumbnails");
        }
    }

    /** The sections this test added, in order. */
    private java.util.List<IssueView.SectionView> lastSections() {
        java.util.List<IssueView.SectionView> all = IssueView.load(issueId).orElseThrow().sections();
        return all.subList(all.size() - SECTIONS, all.size());
    }
}
