package dev.roundup.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roundup.testing.Clients;
import dev.roundup.testing.Nginx;
import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.TestDatabases;
import dev.roundup.testing.SmtpSink;
import dev.roundup.testing.Sends;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * docs/deploy/nginx.conf, run by Debian's nginx in front of the packaged app with a certificate made here, does what
 * an operator needs: HTTP goes to HTTPS, sign-in works with a Secure cookie, redirects stay on https and the public
 * host, the app sees the reader's own address (not nginx's, not one the client made up), a mail provider's one-click
 * unsubscribe is answered without a redirect, a send's progress moves while it is polled through the proxy, and the
 * sign-up form is rate-limited. Another host name gets no answer (no redirect, no certificate). The app runs with JSON logs switched on, and writes JSON lines.
 */
class NginxIT {

    static final String HOST = "news.test";
    static final String ADMIN = "ops@news.test";
    static final String PASSWORD = "behind-the-proxy-password";

    static SmtpSink relay;
    static PackagedApp app;
    static Nginx nginx;
    static int https;
    static int http;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Nginx.installed(), "no nginx at " + Nginx.BINARY + " (.ci/run installs it): docs/deploy/nginx.conf was not tested");
        https = freePort();
        http = freePort();
        Path home = Files.createTempDirectory("roundup-nginx-app");
        relay = SmtpSink.keepingMessages();
        app = new PackagedApp(home).env("ROUNDUP_BASE_URL", "https://" + HOST + ":" + https)
                .env("ROUNDUP_ADMIN_EMAIL", ADMIN).env("ROUNDUP_ADMIN_PASSWORD", PASSWORD)
                .env("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true").env("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true")
                .env("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1")
                .env("ROUNDUP_SMTP_HOST", "127.0.0.1").env("ROUNDUP_SMTP_PORT", String.valueOf(relay.port())).env("ROUNDUP_SMTP_TLS", "none")
                .env("ROUNDUP_SEND_RATE", "100").env("ROUNDUP_SEND_CHECK_EVERY", "1s")
                .env("ROUNDUP_ISSUES_DRAFT_CRON", "off").env("ROUNDUP_FEEDS_CHECK_EVERY", "off")
                .env("ROUNDUP_LOG_JSON", "true");
        if ("postgresql".equals(System.getenv("ROUNDUP_DB_KIND"))) {
            // a database of its own, so that its first editor is the one it names (the suite's database has editors already)
            app.env("ROUNDUP_DB_URL", TestDatabases.fresh("nginx"));
        }
        Path tls = Files.createDirectories(home.resolve("tls"));
        selfSignedCertificate(tls);
        app.start();
        String shipped = Files.readString(Path.of("docs/deploy/nginx.conf"));
        try {
            nginx = Nginx.serve(site(shipped, tls), https);
        } catch (IllegalStateException taken) {
            if (!Nginx.portTaken(taken)) {
                throw taken;
            }
            // another process took a free port between our look and nginx's bind: once more, on other ports
            https = freePort();
            http = freePort();
            nginx = Nginx.serve(site(shipped, tls), https);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (app != null) {
            app.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** The shipped file with only what differs on a test machine: addresses, ports, certificate, host name. */
    static String site(String shipped, Path tls) {
        String site = shipped.replaceAll("(?m)^(\\s*)listen 443 ", "$1listen 127.0.0.1:" + https + " ")
                .replaceAll("(?m)^(\\s*)listen 80([ ;])", "$1listen 127.0.0.1:" + http + "$2")
                .replace("/etc/letsencrypt/live/news.example.org/fullchain.pem", tls.resolve("cert.pem").toString())
                .replace("/etc/letsencrypt/live/news.example.org/privkey.pem", tls.resolve("key.pem").toString())
                .replace("server_name news.example.org;", "server_name " + HOST + ";")
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + app.port() + ";")
                .replace("http://127.0.0.1:9000/", "http://127.0.0.1:" + app.managementPort() + "/")
                .replaceAll("(?m)^\\s*listen \\[::\\]:.*$", "");
        // whole words only: a free port such as 34431 holds "443" but is one of ours, not the shipped file's
        String code = site.replaceAll("(?m)#.*$", "");
        for (String left : List.of("\\b443\\b", ":8080\\b", ":9000\\b", "news\\.example\\.org", "/etc/letsencrypt")) {
            assertTrue(!Pattern.compile(left).matcher(code).find(), "the test rewrote every " + left + " of the shipped file");
        }
        return site;
    }

    @Test
    void plainHttpIsSentToHttpsOnThePublicHost() {
        Response r = given().urlEncodingEnabled(false).redirects().follow(false).header("Host", HOST).get("http://127.0.0.1:" + http + "/login?next=/editor");
        assertEquals(301, r.statusCode());
        assertEquals("https://" + HOST + "/login?next=/editor", r.header("Location"));
    }

    @Test
    void anotherHostNameGetsNoAnswerAtAll() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", http)) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: elsewhere.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, plain.getInputStream().read(), "port 80 closes the connection without a word");
        }
        for (String name : new String[] { "elsewhere.test", null }) {
            try (SSLSocket tls = (SSLSocket) trustingEveryone().getSocketFactory().createSocket("127.0.0.1", https)) {
                tls.setSoTimeout(5_000);
                SSLParameters hello = tls.getSSLParameters();
                hello.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
                tls.setSSLParameters(hello);
                assertThrows(SSLException.class, tls::startHandshake, "port 443 refuses the handshake for " + name + ": no certificate shows");
            }
        }
        try (SSLSocket tls = (SSLSocket) trustingEveryone().getSocketFactory().createSocket("127.0.0.1", https)) {
            tls.setSoTimeout(5_000);
            SSLParameters hello = tls.getSSLParameters();
            hello.setServerNames(List.of(new SNIHostName(HOST)));
            tls.setSSLParameters(hello);
            tls.startHandshake(); // the public name is served
        }
    }

    @Test
    void signInWorksWithASecureCookieAndRedirectsStayOnThePublicHttpsAddress() {
        Response form = through("127.0.0.1").get("/login");
        assertEquals(200, form.statusCode());
        assertTrue(form.getDetailedCookie("roundup-csrf").isSecured(), "the CSRF cookie is Secure");
        assertNotNull(form.header("Strict-Transport-Security"));
        String csrf = form.getCookie("roundup-csrf");

        Response signIn = through("127.0.0.1").cookie("roundup-csrf", csrf).contentType(ContentType.URLENC)
                .formParams(Map.of("email", ADMIN, "password", PASSWORD, "_csrf", csrf, "next", "/editor/issues")).post("/login");
        assertEquals(303, signIn.statusCode(), signIn.asString());
        assertEquals("https://" + HOST + ":" + https + "/editor/issues", signIn.header("Location"), "https, the public host and port");
        Cookie session = signIn.getDetailedCookie("roundup-session");
        assertTrue(session.isSecured() && session.isHttpOnly(), "the session cookie is Secure and HttpOnly: " + session);

        through("127.0.0.1").cookie("roundup-session", session.getValue()).get("/editor/issues").then().statusCode(200);
        Response out = through("127.0.0.1").cookie("roundup-session", session.getValue()).cookie("roundup-csrf", csrf)
                .contentType(ContentType.URLENC).formParam("_csrf", csrf).post("/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.header("Location").startsWith("https://" + HOST + ":" + https + "/"), out.header("Location"));
    }

    @Test
    void theAppSeesTheReadersOwnAddressNotTheProxysNorOneTheClientMadeUp() {
        Response form = through("127.0.0.2").get("/subscribe");
        String csrf = form.getCookie("roundup-csrf");
        through("127.0.0.2").header("X-Forwarded-For", "203.0.113.7").cookie("roundup-csrf", csrf).contentType(ContentType.URLENC)
                .formParams(Map.of("email", "reader@far-away.test", "_csrf", csrf)).post("/subscribe").then().statusCode(303)
                .header("Location", "https://" + HOST + ":" + https + "/subscribe/check-inbox");
        String consentIp = api().get(app.url("/api/subscribers?q=reader@far-away.test")).then().statusCode(200)
                .extract().path("subscribers[0].consentIp");
        assertEquals("127.0.0.2", consentIp, "the consent record holds the reader's address, as nginx saw it");
    }

    @Test
    void theSignUpFormIsRateLimitedPerAddressByNginx() {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            answers.add(through("127.0.0.5").contentType(ContentType.URLENC).formParam("email", "flood" + i + "@flood.test")
                    .post("/subscribe").statusCode());
        }
        assertEquals(403, answers.get(0), "reaches the app (which wants its CSRF token): " + answers);
        assertEquals(429, answers.get(answers.size() - 1), "a burst of 10, then nginx answers 429: " + answers);
        through("127.0.0.6").get("/subscribe").then().statusCode(200);
        through("127.0.0.5").get("/subscribe").then().statusCode(200); // the form itself is not limited
    }

    @Test
    void healthIsForwardedAndMetricsAreNot() {
        through("127.0.0.1").get("/q/health/ready").then().statusCode(200);
        through("127.0.0.1").get("/q/metrics").then().statusCode(404);
    }

    @Test
    void aSendsProgressMovesThroughTheProxyAndOneClickUnsubscribeAnswersWithoutRedirect() throws Exception {
        int readers = 400;
        api().contentType("text/csv").body(Sends.csv(Sends.readers("reader", "progress.test", readers))).post(app.url("/api/subscribers/import?mode=confirmed")).then().statusCode(200);
        long issueId = api().contentType(ContentType.JSON).body(Map.of("from", "2017-02-06", "to", "2017-02-13"))
                .post(app.url("/api/issues")).then().statusCode(201).extract().jsonPath().getLong("id");
        proxiedApi().contentType(ContentType.JSON).post("/api/issues/" + issueId + "/send").then().statusCode(200);

        List<Long> seen = new ArrayList<>();
        String state = "";
        long deadline = System.currentTimeMillis() + 60_000;
        while (!state.equals("done") && System.currentTimeMillis() < deadline) {
            Response progress = proxiedApi().get("/api/issues/" + issueId + "/send");
            assertEquals(200, progress.statusCode());
            state = progress.path("state");
            long sent = ((Number) progress.path("sent")).longValue();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != sent) {
                seen.add(sent);
            }
            Thread.sleep(200);
        }
        assertEquals("done", state, app.log());
        assertTrue(seen.size() >= 3, "polled through nginx, the count moved while it sent: " + seen);
        assertEquals(readers, seen.get(seen.size() - 1));

        String message = relay.first("reader7@progress.test", java.time.Duration.ofSeconds(5)).text();
        Matcher link = Pattern.compile("List-Unsubscribe: <https://" + Pattern.quote(HOST + ":" + https) + "(/unsubscribe/[^>]+)>").matcher(message);
        assertTrue(link.find(), message);
        assertTrue(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        // what Gmail's servers send (RFC 8058): no cookie, no token, the one-click body
        Response oneClick = through("127.0.0.3").contentType(ContentType.URLENC).body("List-Unsubscribe=One-Click").post(link.group(1));
        assertEquals(200, oneClick.statusCode(), oneClick.asString());
        assertNull(oneClick.header("Location"), "no redirect");
        String status = api().get(app.url("/api/subscribers?q=reader7@progress.test")).then().extract().path("subscribers[0].status");
        assertEquals("unsubscribed", status);
    }

    @Test
    void withTheSettingOnTheAppLogsJsonLines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : app.log().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().contains("started in")), "Quarkus' start line as JSON:\n" + app.log());
        assertTrue(lines.stream().allMatch(l -> l.has("timestamp") && l.has("level") && l.has("loggerName")));
        assertTrue(app.log().lines().noneMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d (INFO|WARN) .*")), "no plain-text lines:\n" + app.log());
    }

    /**
     * A request through nginx over HTTPS from a local address, as a browser at the public host name sends it: the
     * name in the TLS hello (SNI) and in the Host header, the self-signed certificate trusted.
     */
    private static RequestSpecification through(String from) {
        return Clients.from(from, RestAssured.config().sslConfig(SSLConfig.sslConfig().sslSocketFactory(naming(HOST))))
                .redirects().follow(false).baseUri("https://127.0.0.1").port(https).header("Host", HOST + ":" + https);
    }

    /** Apache HttpClient 4's TLS sockets (under RestAssured), saying {@code host} in the hello though they dial an address. */
    @SuppressWarnings("deprecation")
    private static org.apache.http.conn.ssl.SSLSocketFactory naming(String host) {
        return new org.apache.http.conn.ssl.SSLSocketFactory(trustingEveryone(), org.apache.http.conn.ssl.SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER) {
            @Override
            protected void prepareSocket(SSLSocket socket) {
                SSLParameters hello = socket.getSSLParameters();
                hello.setServerNames(List.of(new SNIHostName(host)));
                socket.setSSLParameters(hello);
            }
        };
    }

    /** TLS that trusts the test's self-signed certificate (and any other: only for talking to this nginx). */
    private static SSLContext trustingEveryone() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification proxiedApi() {
        return through("127.0.0.1").auth().preemptive().basic(ADMIN, PASSWORD).header("X-Requested-By", "nginx-test");
    }

    /** Straight to the app, for setting up and looking. */
    private static RequestSpecification api() {
        return given().auth().preemptive().basic(ADMIN, PASSWORD).header("X-Requested-By", "nginx-test");
    }

    private static void selfSignedCertificate(Path folder) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", folder.resolve("key.pem").toString(), "-out", folder.resolve("cert.pem").toString(),
                "-subj", "/CN=" + HOST, "-addext", "subjectAltName=DNS:" + HOST).redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes());
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl: " + said);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
