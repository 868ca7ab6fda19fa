package dev.roundup.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that plays the blogs: serves fixture feeds with ETag support, and misbehaves on
 * demand (redirects, errors, gzip bombs, endless bodies, silence). Records each request's headers.
 */
public class FeedServer implements AutoCloseable {

    /** One recorded request. */
    public record Request(String method, String path, Headers headers) {
    }

    static {
        // answer without Nagle's 40 ms stall between headers and body, like a tuned production server
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String host;
    private volatile long latencyMillis;

    public FeedServer(String bindAddress) {
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.host = bindAddress;
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestHeaders()));
            HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (latencyMillis > 0) {
                    Thread.sleep(latencyMillis);
                }
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException clientWentAway) {
                // the client cut us off (limits, timeouts): that is what some tests want
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public static FeedServer start() {
        return new FeedServer("127.0.0.1");
    }

    public String url(String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes every answer wait this long first, like a blog server across the internet. */
    public FeedServer latency(java.time.Duration latency) {
        this.latencyMillis = latency.toMillis();
        return this;
    }

    /** Serves a body with an ETag; answers 304 to a matching If-None-Match. */
    public FeedServer serve(String path, String contentType, byte[] body) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        routes.put(path, ex -> {
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.getResponseHeaders().set("ETag", etag);
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("ETag", etag);
            send(ex, 200, body);
        });
        return this;
    }

    /** Serves a body with no validators at all, so only the body hash can tell it is unchanged. */
    public FeedServer serveWithoutValidators(String path, String contentType, byte[] body) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", contentType);
            send(ex, 200, body);
        });
        return this;
    }

    public FeedServer serveFixture(String path, String fixture) {
        return serve(path, "application/rss+xml; charset=utf-8", fixture(fixture));
    }

    public FeedServer route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public FeedServer redirect(String path, int status, String location) {
        return route(path, ex -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(status, -1);
        });
    }

    public FeedServer status(String path, int status, Map<String, String> headers) {
        return route(path, ex -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            send(ex, status, "<html><body>error</body></html>".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** A small gzip body that inflates to {@code inflatedBytes} of zeros. */
    public FeedServer gzipBomb(String path, int inflatedBytes) {
        byte[] bomb;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                byte[] zeros = new byte[1 << 16];
                for (int written = 0; written < inflatedBytes; written += zeros.length) {
                    gz.write(zeros);
                }
            }
            bomb = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bomb;
        return route(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, 200, body);
        });
    }

    /** An endless-looking body of {@code bytes} bytes, streamed. */
    public FeedServer hugeBody(String path, long bytes) {
        return route(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, bytes);
            byte[] chunk = "<rss>".repeat(13_000).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
                }
            }
        });
    }

    /** Accepts the request and never answers. */
    public FeedServer silent(String path) {
        return route(path, ex -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static byte[] fixture(String name) {
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
