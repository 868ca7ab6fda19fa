package dev.roundup.feeds;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches a URL someone gave Roundup, as a careful client: http and https only, every hop's address checked by
 * {@link AddressGuard} and connected to by that very address (no second DNS lookup to be fooled by), at most five
 * redirects, one deadline for the whole fetch, the body cut off past a size limit counted after decompression,
 * and conditional GET from stored validators. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class Fetcher {

    static final int MAX_REDIRECTS = 5;

    @Inject
    Vertx vertx;

    @Inject
    FeedsConfig config;

    @Inject
    AddressGuard guard;

    @Inject
    RoundupConfig roundup;

    private HttpClient client;
    private String userAgent;

    /** The body went past the configured limit; the transfer was cut off. */
    private static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private record Answer(int status, String location, String etag, String lastModified, String contentType,
            byte[] body, Duration retryAfter) {
    }

    @PostConstruct
    void start() {
        // One connection per request: a fetch that stops reading (an error status, a link check that wants only the
        // status) resets its connection, and a pooled connection reset that way could be lent to the next request
        // meanwhile, which then fails with "Connection was closed" (seen on link checks under load). Feeds are
        // fetched every half hour, so reusing connections saves nothing that matters.
        client = vertx.createHttpClient(new HttpClientOptions()
                .setDecompressionSupported(true)
                .setKeepAlive(false)
                .setMaxPoolSize(Math.max(2, config.concurrency()))
                .setForceSni(true)
                .setVerifyHost(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
        userAgent = "Roundup/1.0 (+" + roundup.link("/") + ")";
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    /** Fetches {@code url}, sending {@code etag} and {@code lastModified} (either may be null) for a conditional GET. */
    public Fetched get(String url, String etag, String lastModified) throws FetchFailure {
        return fetch(url, HttpMethod.GET, true, etag, lastModified);
    }

    /**
     * Whether a link works, as a reader's browser would find it: HEAD, then GET when the server does not answer HEAD
     * properly, redirects followed, same guard and deadline as feeds. Returns the final status; the body is not read.
     */
    public int check(String url) throws FetchFailure {
        int status;
        try {
            status = fetch(url, HttpMethod.HEAD, false, null, null).status();
        } catch (FetchFailure headFailed) {
            status = 0;
        }
        if (status == 0 || status == 403 || status == 405 || status == 501 || status >= 500) {
            status = fetch(url, HttpMethod.GET, false, null, null).status();
        }
        return status;
    }

    private Fetched fetch(String url, HttpMethod method, boolean readBody, String etag, String lastModified) throws FetchFailure {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        String current = url;
        String movedTo = null;
        boolean permanentSoFar = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI uri = parse(current);
            InetAddress address = resolve(uri.getHost());
            Answer answer = exchange(method, readBody, uri, address, etag, lastModified, deadline);
            if (answer.status() >= 300 && answer.status() < 400 && answer.status() != 304 && answer.location() != null) {
                String next = resolveLocation(uri, answer.location());
                boolean permanent = answer.status() == 301 || answer.status() == 308;
                permanentSoFar &= permanent;
                if (permanentSoFar) {
                    movedTo = next;
                }
                current = next;
                continue;
            }
            return new Fetched(answer.status(), current, movedTo, answer.etag(), answer.lastModified(),
                    answer.contentType(), answer.body(), answer.retryAfter());
        }
        throw new FetchFailure("more than " + MAX_REDIRECTS + " redirects");
    }

    /** A URL Roundup is willing to fetch: absolute, http or https, with a host. */
    public static URI parse(String url) throws FetchFailure {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchFailure("only http:// and https:// addresses can be fetched");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new FetchFailure("the address has no host name");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchFailure("not a valid address: " + e.getReason());
        }
    }

    private InetAddress resolve(String host) throws FetchFailure {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchFailure("could not find the host " + host + " (DNS lookup failed)");
        }
        String firstRefusal = null;
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isEmpty()) {
                return address;
            }
            if (firstRefusal == null) {
                firstRefusal = "refused to connect to " + host + " (" + address.getHostAddress() + "): " + refusal.get()
                        + "; set roundup.feeds.allow-private-addresses to allow it";
            }
        }
        throw new FetchFailure(firstRefusal);
    }

    private Answer exchange(HttpMethod method, boolean readBody, URI uri, InetAddress address, String etag, String lastModified,
            long deadline) throws FetchFailure {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(method).setHost(uri.getHost()).setPort(port)
                .setSsl(https).setURI(path).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .putHeader("User-Agent", userAgent)
                .putHeader("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
                        + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        if (etag != null) {
            options.putHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            options.putHeader("If-Modified-Since", lastModified);
        }
        long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        CompletableFuture<Answer> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(remainingMillis, id -> {
            if (result.completeExceptionally(new TimeoutException())) {
                abort(request.get());
            }
        });
        client.request(options).onSuccess(req -> {
            request.set(req);
            req.send().onSuccess(response -> read(response, readBody, result)).onFailure(result::completeExceptionally);
        }).onFailure(result::completeExceptionally);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw explain(e.getCause(), uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(request.get());
            throw new FetchFailure("interrupted while fetching (Roundup is shutting down)");
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    private void read(HttpClientResponse response, boolean readBody, CompletableFuture<Answer> result) {
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        if (!readBody && (status < 300 || status >= 400)) {
            response.exceptionHandler(ignored -> {
            });
            result.complete(new Answer(status, null, null, null, contentType, new byte[0], null));
            abort(response.request()); // only the status was wanted
            return;
        }
        if (status < 200 || status >= 300) {
            response.handler(ignored -> {
            });
            response.exceptionHandler(ignored -> {
            });
            result.complete(new Answer(status, response.getHeader("Location"), response.getHeader("ETag"),
                    response.getHeader("Last-Modified"), contentType, new byte[0], retryAfter(response.getHeader("Retry-After"))));
            if (status >= 400) {
                abort(response.request()); // nothing we want in an error body; do not wait for it
            }
            return;
        }
        long max = config.maxBodyBytes();
        long declared = response.getHeader("Content-Encoding") == null ? contentLength(response.getHeader("Content-Length")) : -1;
        if (declared > max) {
            // announced as too large: refuse before reading a byte, rather than racing the deadline to the limit
            response.exceptionHandler(ignored -> {
            });
            if (result.completeExceptionally(new TooLarge())) {
                abort(response.request());
            }
            return;
        }
        Body body = new Body(declared > 0 ? (int) declared : 16 * 1024, (int) Math.min(Integer.MAX_VALUE - 8, max));
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            if (body.size + (long) chunk.length() > max) {
                if (result.completeExceptionally(new TooLarge())) {
                    abort(response.request());
                }
                return;
            }
            body.add(chunk);
        });
        response.exceptionHandler(result::completeExceptionally);
        response.endHandler(done -> result.complete(new Answer(status, null, response.getHeader("ETag"),
                response.getHeader("Last-Modified"), contentType, body.bytes(), null)));
    }

    /**
     * A body being received, in one array sized from Content-Length when the server sent one, so a large feed is held
     * once rather than in a doubling buffer and its copy.
     */
    private static final class Body {
        private final int limit;
        private byte[] bytes;
        private int size;

        Body(int expected, int limit) {
            this.limit = limit;
            this.bytes = new byte[Math.min(expected, limit)];
        }

        void add(io.vertx.core.buffer.Buffer chunk) {
            int n = chunk.length();
            if (size + n > bytes.length) {
                long grown = Math.min(limit, bytes.length + (bytes.length >> 1) + 1L);
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.max(grown, size + n));
            }
            chunk.getBytes(0, n, bytes, size);
            size += n;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
        }
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    private static void abort(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    private FetchFailure explain(Throwable cause, URI uri) {
        if (cause instanceof TimeoutException) {
            return new FetchFailure("timed out after " + seconds(config.timeout()));
        }
        if (cause instanceof TooLarge) {
            return new FetchFailure("the response is larger than " + (config.maxBodyBytes() / (1024 * 1024))
                    + " MB (after decompression); the transfer was cut off");
        }
        if (cause instanceof ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new FetchFailure("could not connect to " + uri.getHost() + ": " + cause.getMessage());
        }
        if (cause instanceof SSLException) {
            return new FetchFailure("secure connection to " + uri.getHost() + " failed: " + cause.getMessage());
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new FetchFailure("fetch failed: " + message);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String resolveLocation(URI base, String location) throws FetchFailure {
        try {
            return base.resolve(new URI(location.strip())).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailure("redirected to an invalid address: " + location);
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
