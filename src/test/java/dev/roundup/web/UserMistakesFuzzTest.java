package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.ListingStatus;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Endpoints;
import dev.roundup.testing.Endpoints.Endpoint;
import dev.roundup.testing.Endpoints.Param;
import dev.roundup.testing.Endpoints.Where;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.Guarded;
import dev.roundup.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * No user's mistake is a server error. Every operation Roundup serves (found by reflection, see {@link Endpoints}) gets,
 * one parameter at a time, the wrong type, huge and negative numbers, broken percent-encoding, control characters,
 * a 100,000-character string; then missing fields, broken and mistyped JSON, and a content type it does not take.
 * Public pages as an anonymous visitor, editor pages with a session and its CSRF token, {@code /api} with an API token.
 * Every answer must be below 500, and under {@code /api} a 4xx must be a problem body that says what went wrong.
 */
@QuarkusTest
@TestProfile(Guarded.class)
class UserMistakesFuzzTest {

    /**
     * Where each request comes from, through the trusted proxy of {@link Guarded}: an address of its own
     * (198.18.0.0/15, a range no other test uses). So the per-address limits never stand between a mistake and the
     * check it is meant to reach, and the fuzz's hundreds of wrong sign-ins lock no other test out of the login form:
     * this shares the Guarded tests' app instead of starting one of its own.
     */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** What goes on the wire, already encoded: each a mistake a person or a script can make. */
    static final List<String> BAD = List.of("abc", "2147483647", "2147483648", "9999999999999999999", "-1", "%ZZ", "%", "%E0%A4",
            "a%00b%07%0D%0Ac%1B", "x".repeat(100_000), "");

    static final List<String> BAD_JSON_VALUES = List.of("\"abc\"", "9999999999999999999", "-1", "2147483648", "1e999999",
            "{}", "[]", "\"" + "x".repeat(100_000) + "\"", "\"\\u0000\\u0007\"", "\"2024-13-45\"", "null");

    static final List<String> BAD_JSON_BODIES = List.of("{", "", "[]", "null", "\"x\"", "{\"a\":", "\u0000");

    static final java.util.regex.Pattern BROKEN_URI = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    static Map<String, String> editorSession;
    static Map<String, String> editorBasic;
    static String apiToken;
    static Boolean passwordsForApi;
    static Map<String, String> visitor;
    static final Map<String, Long> ids = new LinkedHashMap<>();

    private static void signInAndMakeOneOfEach() {
        Browser editor = Browser.signedInEditor();
        editorSession = headers(editor);
        // a script's way in: an API token. The fuzz's own wrong sign-ins (the login form gets garbage too) use up
        // 127.0.0.1's password allowance, which a valid token does not depend on
        String token = Api.asEditor().body(Map.of("name", "fuzz")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
        editorBasic = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        apiToken = token;
        passwordsForApi = Api.withToken(token).get("/api/settings").then().statusCode(200).extract().jsonPath().getBoolean("passwordsForApi");
        // the token operations act on a token of their own, not on the one the fuzz uses
        ids.put("tokens", Api.asEditor().body(Map.of("name", "fuzz target")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getLong("id"));
        Browser anonymous = new Browser();
        anonymous.csrfToken();
        visitor = headers(anonymous);
        ids.put("issues", Api.asEditor().body(Map.of("from", "2001-01-01", "to", "2001-01-08")).post("/api/issues")
                .then().statusCode(201).extract().jsonPath().getLong("id"));
        ids.put("subscribers", Api.asEditor().body(Map.of("email", "fuzz.target@example.org", "confirmed", true))
                .post("/api/subscribers").then().statusCode(201).extract().jsonPath().getLong("id"));
        // the editor operations (disable, role, remove) act on an editor of their own, never on the one signed in here
        ids.put("editors", Api.asEditor().body(Map.of("email", "fuzz.target.editor@example.org", "name", "Fuzz target",
                "password", "a-long-enough-password", "role", "editor")).post("/api/editors")
                .then().statusCode(201).extract().jsonPath().getLong("id"));
        ids.put("projects", Fixtures.project("Fuzz target", ListingStatus.PUBLISHED, Instant.now()).id);
        ids.put("jobs", Fixtures.job("Fuzz target", ListingStatus.PUBLISHED, Instant.now(), Instant.now().plusSeconds(86_400)).id);
    }

    /**
     * The access form turns HTTP Basic off when its box is missing (an unticked box sends nothing), and the fuzz sends
     * it without: the tests that run after this one on the same database sign in to the API with a password.
     */
    private static void theAccessSettingIsAsBefore() {
        Api.withToken(apiToken).body(Map.of("passwordsForApi", passwordsForApi)).put("/api/settings").then().statusCode(200);
    }

    private static Map<String, String> headers(Browser b) {
        StringJoiner cookie = new StringJoiner("; ");
        b.cookies().forEach((k, v) -> cookie.add(k + "=" + v));
        return Map.of("Cookie", cookie.toString(), "X-CSRF-Token", b.cookies().get("roundup-csrf"));
    }

    @Test
    void noMistakeIsAServerError() throws Exception {
        signInAndMakeOneOfEach();
        List<Endpoint> endpoints = new ArrayList<>(Endpoints.all());
        // the destructive ones last, so the rest still find the rows they act on
        endpoints.sort(java.util.Comparator.comparing(e -> e.method().equals("DELETE") || e.path().contains("delete")));
        assertTrue(endpoints.size() > 60, "found only " + endpoints.size() + " operations");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long started = System.nanoTime();
        Map<String, Long> millis = new LinkedHashMap<>();
        try {
            for (Endpoint e : endpoints) {
                if (e.path().equals("/logout")) {
                    continue; // signing out is not a mistake, and every token here is a valid one
                }
                long t0 = System.nanoTime();
                for (Attempt a : attempts(e)) {
                    RawHttp.Answer answer = RawHttp.send(RestAssured.port, e.method(), a.target, a.headers, a.body);
                    sent++;
                    String problem = judge(e, a, answer);
                    if (problem != null) {
                        failures.add(e + " [" + a.label + "] " + shorten(a.target) + " → " + answer.status() + " " + problem
                                + ": " + shorten(answer.body()));
                    }
                }
                millis.put(e.toString(), (System.nanoTime() - t0) / 1_000_000);
            }
        } finally {
            theAccessSettingIsAsBefore();
        }
        millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(x -> System.out.println("fuzz time " + x.getValue() + " ms " + x.getKey()));
        System.out.printf("fuzz: %d operations, %d requests, %d s%n", endpoints.size(), sent, (System.nanoTime() - started) / 1_000_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " answers were wrong:\n" + String.join("\n", failures));
    }

    @Test
    void theThreeMistakesFromTheIssueReport() throws Exception {
        Browser browser = new Browser();
        browser.post("/login", Map.of("email", Browser.EDITOR_EMAIL, "password", Browser.EDITOR_PASSWORD, "next", "/a b"))
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/editor"));
        // a NUL in a search reached PostgreSQL, which refuses it: a 500 there, found by this fuzz on PostgreSQL only
        RawHttp.Answer search = RawHttp.send(RestAssured.port, "GET", "/api/subscribers?q=a%00b", editorHeadersForSearch(), null);
        org.junit.jupiter.api.Assertions.assertEquals(400, search.status(), search.body());
        assertTrue(search.body().contains("control character"), search.body());
        io.restassured.RestAssured.given().get("/projects?page=2147483647").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("pages go from 0 to"));
        Browser visitor = new Browser();
        String token = visitor.csrfToken();
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, "POST", "/subscribe",
                Map.of("Cookie", "roundup-csrf=" + token, "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", nextClient()),
                ("_csrf=" + enc(token) + "&email=%ZZ&name=x").getBytes(StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("broken %-escape"), answer.body());
    }

    private static Map<String, String> editorHeadersForSearch() {
        String token = Api.asEditor().body(Map.of("name", "search")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
        return Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
    }

    /** Null when the answer is fine; otherwise what is wrong with it. */
    private static String judge(Endpoint e, Attempt a, RawHttp.Answer answer) {
        // 502: the bounce mailbox (another server) is not configured or not reachable, said in a problem body
        boolean upstream = answer.status() == 502 && answer.body().contains("\"detail\":\"");
        if (answer.status() < 100 || answer.status() >= 500 && !upstream) {
            return "server error";
        }
        boolean api = e.path().startsWith("/api");
        // 413, 414 and 431 come from the HTTP server itself, before any of Roundup's code sees the request
        // and so does Quarkus' check of the request line: an address with a broken %-escape is no URI, a bare 400
        boolean beforeRoundup = answer.status() == 413 || answer.status() == 414 || answer.status() == 431
                || answer.status() == 400 && answer.body().isEmpty() && BROKEN_URI.matcher(a.target).find();
        if (api && answer.status() >= 400 && !beforeRoundup) {
            String type = answer.header("content-type");
            if (type == null || !type.startsWith("application/problem+json") || !answer.body().contains("\"detail\":\"")) {
                return "not a problem body (" + type + ")";
            }
        }
        return null;
    }

    record Attempt(String label, String target, Map<String, String> headers, byte[] body) {
    }

    private static List<Attempt> attempts(Endpoint e) {
        List<Attempt> out = new ArrayList<>();
        Map<String, String> good = new LinkedHashMap<>();
        for (Param p : e.params()) {
            good.put(p.name(), plausible(e, p));
        }
        out.add(attempt(e, "plausible", good, true, null, null));
        out.add(attempt(e, "missing fields", good, false, null, null));
        for (Param p : e.params()) {
            if (p.where() == Where.PATH && e.path().startsWith("/static")) {
                continue;
            }
            for (String bad : BAD) {
                Map<String, String> values = new LinkedHashMap<>(good);
                values.put(p.name(), bad);
                out.add(attempt(e, p.name() + "=" + (bad.length() > 30 ? "100k" : bad), values, true, null, null));
            }
        }
        if (e.body() != null && e.body().isRecord()) {
            for (String body : BAD_JSON_BODIES) {
                out.add(attempt(e, "json " + body, good, true, body, "application/json"));
            }
            for (var field : e.body().getRecordComponents()) {
                for (String bad : BAD_JSON_VALUES) {
                    out.add(attempt(e, "json " + field.getName() + "=" + (bad.length() > 30 ? "100k" : bad), good, true,
                            "{\"" + field.getName() + "\":" + bad + "}", "application/json"));
                }
            }
            out.add(attempt(e, "form instead of json", good, true, "a=b", "application/x-www-form-urlencoded"));
            out.add(attempt(e, "text instead of json", good, true, "x", "text/plain"));
        } else if (e.body() != null) {
            out.add(attempt(e, "text body", good, true, "email,name\n%ZZ,\u0000\nnot-an-address,x\n", "text/csv"));
            out.add(attempt(e, "binary body", good, true, "\u0000\u00ff\ufffe" + "x".repeat(100_000), "text/csv"));
            out.add(attempt(e, "json instead of text", good, true, "{", "application/json"));
        }
        if (e.hasForm()) {
            out.add(attempt(e, "json instead of form", good, true, "{", "application/json"));
            out.add(attempt(e, "text instead of form", good, true, "x", "text/plain"));
            out.add(attempt(e, "multipart without boundary", good, true, "--x\r\n", "multipart/form-data"));
            StringBuilder multipart = new StringBuilder();
            for (Param p : e.params()) {
                if (p.where() == Where.FORM) {
                    multipart.append("--B\r\nContent-Disposition: form-data; name=\"").append(p.name())
                            .append("\"; filename=\"f.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u00ff%ZZ\r\n");
                }
            }
            out.add(attempt(e, "multipart garbage", good, true, multipart.append("--B--\r\n").toString(), "multipart/form-data; boundary=B"));
        }
        if (!e.method().equals("GET") && e.body() == null && !e.hasForm()) {
            out.add(attempt(e, "unexpected json body", good, true, "{", "application/json"));
        }
        return out;
    }

    /** A value that would pass for the parameter's type, so the other parameters get past conversion. */
    private static String plausible(Endpoint e, Param p) {
        Class<?> t = p.type();
        String n = p.name().toLowerCase();
        if (p.where() == Where.PATH && n.equals("id")) {
            for (var known : ids.entrySet()) {
                if (e.path().contains("/" + known.getKey() + "/{id")) {
                    return String.valueOf(known.getValue());
                }
            }
        }
        if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
            return "1";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true";
        }
        if (t == java.time.LocalDate.class) {
            return "2024-01-01";
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0].toString();
        }
        if (n.contains("email")) {
            return "fuzz%40example.org";
        }
        if (n.contains("url")) {
            return enc("https://example.org/");
        }
        if (n.equals("next") || n.equals("back")) {
            return enc("/editor");
        }
        return "x";
    }

    private static Attempt attempt(Endpoint e, String label, Map<String, String> values, boolean withParams, String body,
            String contentType) {
        String path = e.path();
        StringJoiner query = new StringJoiner("&");
        StringJoiner form = new StringJoiner("&");
        for (Param p : e.params()) {
            String v = values.get(p.name());
            if (p.where() == Where.PATH) {
                path = path.replaceAll("\\{" + p.name() + "(:[^}]*)?}", java.util.regex.Matcher.quoteReplacement(v));
            } else if (withParams && p.where() == Where.QUERY) {
                query.add(p.name() + "=" + v);
            } else if (withParams && p.where() == Where.FORM) {
                form.add(p.name() + "=" + v);
            }
        }
        String target = path + (query.length() > 0 ? "?" + query : "");
        Map<String, String> headers = new LinkedHashMap<>(who(e, label));
        headers.put("X-Forwarded-For", nextClient());
        byte[] bytes = null;
        if (body != null) {
            bytes = body.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", contentType);
        } else if (e.hasForm()) {
            bytes = form.toString().getBytes(StandardCharsets.ISO_8859_1);
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        } else if (e.body() != null) {
            bytes = (e.body().isRecord() ? "{}" : "email\nfuzz@example.org\n").getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", e.body().isRecord() ? "application/json" : "text/csv");
        } else if (!e.method().equals("GET")) {
            bytes = new byte[0];
        }
        return new Attempt(label, target, headers, bytes);
    }

    /**
     * The API as a script calls it (an API token) for the plausible and the bare request; every other mistake rides on
     * the editor's session and CSRF token, which the API takes too, because checking a bcrypt password costs ~100 ms.
     */
    private static Map<String, String> who(Endpoint e, String label) {
        if (e.path().startsWith("/api") && (label.equals("plausible") || label.equals("missing fields"))) {
            return editorBasic;
        }
        return e.path().startsWith("/editor") || e.path().startsWith("/api") ? editorSession : visitor;
    }

    /** The next address of {@link #CLIENTS}. */
    static String nextClient() {
        int n = CLIENTS.incrementAndGet();
        return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String shorten(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
