package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The one spelling of a post's address that two feeds carrying the same post agree on. */
class CanonicalUrlTest {

    @Test
    void schemeAndHostAreLowerCaseThePathIsNot() {
        assertEquals("https://blog.example.org/Posts/One", CanonicalUrl.of("HTTPS://Blog.Example.ORG/Posts/One"));
    }

    @Test
    void defaultPortsAndFragmentsGoOtherPortsStay() {
        assertEquals("https://example.org/a", CanonicalUrl.of("https://example.org:443/a#comments"));
        assertEquals("http://example.org/a", CanonicalUrl.of("http://example.org:80/a"));
        assertEquals("https://example.org:8443/a", CanonicalUrl.of("https://example.org:8443/a"));
        assertEquals("http://example.org:443/a", CanonicalUrl.of("http://example.org:443/a"), "443 is only https's default");
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertEquals("https://example.org/", CanonicalUrl.of("https://example.org"));
    }

    @Test
    void trackingParametersGoOthersStayInOrder() {
        assertEquals("https://example.org/p?id=7&page=2",
                CanonicalUrl.of("https://example.org/p?utm_source=feed&id=7&UTM_Medium=rss&fbclid=x&page=2&gclid=y&mc_cid=1&mc_eid=2"));
        assertEquals("https://example.org/p", CanonicalUrl.of("https://example.org/p?utm_source=feed&&"));
        assertNotEquals(CanonicalUrl.of("https://example.org/p?id=7"), CanonicalUrl.of("https://example.org/p?id=8"));
    }

    @Test
    void whatIsNotAnAbsoluteUrlIsOnlyStripped() {
        assertEquals("/relative/post", CanonicalUrl.of("  /relative/post "));
        assertEquals("mailto:ada@example.org", CanonicalUrl.of("mailto:ada@example.org"));
        assertEquals("https://exa mple.org/", CanonicalUrl.of(" https://exa mple.org/ "), "not a URI: left as it is");
    }

    @Test
    void sha256IsHexOfTheUtf8Bytes() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalUrl.sha256(""));
        assertEquals(CanonicalUrl.sha256("é"), CanonicalUrl.sha256("é".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
