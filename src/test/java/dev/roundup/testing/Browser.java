package dev.roundup.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A test's stand-in for a person's browser: keeps cookies between requests and sends the CSRF token with every
 * form, as the real pages do. Redirects are not followed, so tests can check them.
 */
public class Browser {

    public static final String EDITOR_EMAIL = "editor@example.org";
    public static final String EDITOR_PASSWORD = "correct-horse-battery";

    private final Map<String, String> cookies = new HashMap<>();
    private final String localAddress;

    /** A browser on this machine's main loopback address, 127.0.0.1. */
    public Browser() {
        this(null);
    }

    /**
     * A browser on another computer: its requests leave from this loopback address (127.0.0.2, 127.0.0.3, … are all
     * this machine), so the server sees a different client.
     */
    public Browser(String localAddress) {
        this.localAddress = localAddress;
    }

    /** A request from this browser's address, with no cookies. */
    public RequestSpecification request() {
        return localAddress == null ? given() : Clients.from(localAddress);
    }

    /** A browser signed in as the editor the test profile creates on start. */
    public static Browser signedInEditor() {
        return new Browser().signIn(EDITOR_EMAIL, EDITOR_PASSWORD);
    }

    public Browser signIn(String email, String password) {
        Response r = post("/login", Map.of("email", email, "password", password));
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in as " + email + " answered " + r.statusCode());
        }
        return this;
    }

    public Response get(String path) {
        return remember(request().redirects().follow(false).cookies(cookies).get(path));
    }

    /** Posts a form the way the page would: with this browser's CSRF token. */
    public Response post(String path, Map<String, ?> form) {
        Map<String, Object> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrfToken());
        return postWithoutToken(path, withToken);
    }

    /** Posts a form as a forged cross-site form would: without the token. In UTF-8, as browsers send a UTF-8 page's forms. */
    public Response postWithoutToken(String path, Map<String, ?> form) {
        return remember(request().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(form).post(path));
    }

    /** Uploads a file through a multipart form, with the CSRF token, as the page's file input would. */
    public Response upload(String path, String field, String fileName, byte[] content, String mimeType) {
        return remember(request().redirects().follow(false).cookies(cookies).multiPart("_csrf", csrfToken())
                .multiPart(field, fileName, content, mimeType).post(path));
    }

    /** The token a page would put in its forms; fetches a page first when this browser has none yet. */
    public String csrfToken() {
        if (!cookies.containsKey("roundup-csrf")) {
            get("/login");
        }
        return cookies.get("roundup-csrf");
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private Response remember(Response response) {
        for (Cookie c : response.getDetailedCookies()) {
            if (c.getValue() == null || c.getValue().isEmpty() || c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        }
        return response;
    }
}
