package dev.roundup.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What Roundup reads out of a linked page. */
class PageFactsTest {

    static String words(int n) {
        return "word ".repeat(n);
    }

    @Test
    void openGraphTagsAuthorAndReadingTimeOfTheArticle() {
        PageFacts facts = PageFacts.read("<html><head><meta property=\"og:image\" content=\"/img/cover.png\">"
                + "<meta property=\"og:site_name\" content=\"  The   Blog \"><meta name=\"author\" content=\"Ada Lovelace\"></head>"
                + "<body><nav>" + words(5000) + "</nav><article><h1>Title</h1><p>" + words(460) + "</p><script>" + words(9000)
                + "</script></article><footer>" + words(3000) + "</footer></body></html>", "https://blog.example.org/posts/1");
        assertEquals("https://blog.example.org/img/cover.png", facts.imageUrl());
        assertEquals("The Blog", facts.siteName());
        assertEquals("Ada Lovelace", facts.author());
        assertEquals(3, facts.readingMinutes(), "461 words at 230 a minute, rounded up; menus, footers and scripts do not count");
    }

    @Test
    void articleAuthorAsAProfileLinkIsNoName() {
        PageFacts facts = PageFacts.read("<meta property=\"article:author\" content=\"https://facebook.example/ada\">"
                + "<meta property=\"og:image\" content=\"javascript:alert(1)\"><p>one</p>", "https://blog.example.org/");
        assertNull(facts.author());
        assertNull(facts.imageUrl(), "only http(s) images are fetched");
        assertEquals(1, facts.readingMinutes());
    }

    @Test
    void aPageWithoutTagsHasNoFacts() {
        PageFacts facts = PageFacts.read("<html><body></body></html>", "https://blog.example.org/");
        assertNull(facts.imageUrl());
        assertNull(facts.siteName());
        assertNull(facts.readingMinutes());
    }
}
