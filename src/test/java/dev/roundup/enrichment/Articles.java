package dev.roundup.enrichment;

import java.nio.charset.StandardCharsets;

import dev.roundup.testing.FeedServer;

/** Blog pages as a real HTTP server serves them, for the enrichment tests. */
public final class Articles {

    private Articles() {
    }

    /** Serves at {@code path} an article of {@code words} words whose og:image is {@code image} (null: none). */
    public static FeedServer article(FeedServer server, String path, String image, int words) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>A post</title>"
                + (image == null ? "" : "<meta property=\"og:image\" content=\"" + image + "\">")
                + "<meta property=\"og:site_name\" content=\"Example Blog\"><meta name=\"author\" content=\"Ada Lovelace\"></head>"
                + "<body><nav>Home About Archive</nav><article><h1>A post</h1><p>" + "word ".repeat(words) + "</p></article></body></html>";
        return server.serve(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
