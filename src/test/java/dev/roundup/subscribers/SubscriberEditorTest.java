package dev.roundup.subscribers;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The editor adds, finds, edits, unsubscribes and erases subscribers in the browser. */
@QuarkusTest
class SubscriberEditorTest {

    @Test
    void theEditorManagesASubscriber() throws Exception {
        Browser editor = Browser.signedInEditor();
        Response added = editor.post("/editor/subscribers", Map.of("email", "managed@ed.example.org", "name", "Managed", "mode", "confirmation"));
        assertEquals(303, added.statusCode());
        String page = added.header("Location");
        Mails.await("managed@ed.example.org", 1, Duration.ofSeconds(10));
        editor.get(page).then().statusCode(200).body(containsString("and sent a confirmation mail"))
                .body(containsString("class=\"status pending\"")).body(containsString("/unsubscribe/"));

        editor.post(page, Map.of("name", "<b>Renamed</b>")).then().statusCode(303);
        editor.get(page).then().body(containsString("&lt;b&gt;Renamed&lt;/b&gt;"));
        editor.post(page, Map.of("name", "Two\nLines")).then().statusCode(400).body(containsString("one line"));

        editor.post(page + "/unsubscribe", Map.of()).then().statusCode(303);
        editor.get(page).then().body(containsString("class=\"status unsubscribed\""));

        editor.get("/editor/subscribers?status=unsubscribed&q=managed").then().body(containsString("managed@ed.example.org"));
        editor.get("/editor/subscribers?status=confirmed&q=managed").then().body(containsString("0 matches"));

        editor.post(page + "/delete", Map.of()).then().statusCode(303);
        editor.get(page).then().statusCode(404);
        String dashboard = editor.get("/editor").asString();
        assertTrue(dashboard.contains("unsubscribed this week"));

        editor.post("/editor/subscribers", Map.of("email", "managed@ed.example.org", "mode", "confirmed")).then().statusCode(400)
                .body(containsString("suppression list"));
        editor.postWithoutToken("/editor/subscribers", Map.of("email", "x@ed.example.org")).then().statusCode(403);
    }
}
