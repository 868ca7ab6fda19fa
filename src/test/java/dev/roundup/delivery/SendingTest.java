package dev.roundup.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberLinks;
import dev.roundup.testing.Api;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import dev.roundup.testing.GreenMailResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** An issue reaches every confirmed subscriber exactly once, with their own unsubscribe link and the list headers. */
@QuarkusTest
class SendingTest {

    static final int READERS = 2000;

    @Inject
    Drafts drafts;

    @Inject
    SubscriberLinks links;

    static Map<String, List<MimeMessage>> receivedByRecipient(String domain) throws Exception {
        Map<String, List<MimeMessage>> by = new HashMap<>();
        for (MimeMessage m : GreenMailResource.greenMail().getReceivedMessages()) {
            String address = Mails.recipient(m);
            if (address.endsWith(domain) && m.getSubject().contains("Roundup #")) {
                by.computeIfAbsent(address, k -> new java.util.ArrayList<>()).add(m);
            }
        }
        return by;
    }

    @Test
    void everyConfirmedSubscriberGetsTheIssueExactlyOnceWithTheirOwnLink() throws Exception {
        List<String> named = java.util.stream.IntStream.range(0, READERS).mapToObj(i -> "reader" + i + "@send.example.org,Reader " + i).toList();
        assertEquals(READERS, Sends.subscribe(named).getInt("added"));
        Api.asEditor().body(Map.of("email", "pending@send.example.org")).post("/api/subscribers").then().statusCode(201);
        Api.asEditor().body(Map.of("email", "left@send.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        int left = Api.asEditor().get("/api/subscribers?q=left@send.example.org").then().extract().path("subscribers[0].id");
        Api.asEditor().post("/api/subscribers/" + left + "/unsubscribe").then().statusCode(200);
        Api.asEditor().body(Map.of("email", "erased@send.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        int erased = Api.asEditor().get("/api/subscribers?q=erased@send.example.org").then().extract().path("subscribers[0].id");
        Api.asEditor().delete("/api/subscribers/" + erased).then().statusCode(204);

        long issueId = drafts.create(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 8)).id;
        long version = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", version, "intro", "Hey {firstName}, this copy is for {name}.")).put("/api/issues/" + issueId)
                .then().statusCode(200);
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200).body("state", equalTo("running"));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofMinutes(3));
        assertEquals(0, done.getInt("failed"));
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("sent"));

        Map<String, List<MimeMessage>> got = receivedByRecipient("@send.example.org");
        assertEquals(READERS, got.size(), "every confirmed reader, nobody else of this list");
        got.forEach((address, messages) -> assertEquals(1, messages.size(), "exactly once: " + address));

        Map<String, Subscriber> readers = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> Subscriber.<Subscriber>list("email like ?1", "%@send.example.org")
                .forEach(s -> readers.put(s.email, s)));
        for (int i = 0; i < READERS; i += 97) {
            String address = "reader" + i + "@send.example.org";
            MimeMessage m = got.get(address).get(0);
            String token = links.unsubscribeToken(readers.get(address));
            assertEquals("<http://localhost:8080/unsubscribe/" + token + ">", m.getHeader("List-Unsubscribe", null).replaceAll("http://[^/]+", "http://localhost:8080"));
            assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
            assertTrue(m.getHeader("List-Id", null).contains("<newsletter."));
            assertTrue(m.getMessageID().endsWith("@roundup.test>"));
            assertTrue(m.getSentDate() != null);
            MimeMultipart body = (MimeMultipart) m.getContent();
            assertTrue(body.getContentType().startsWith("multipart/alternative"));
            String html = body.getBodyPart(1).getContent().toString();
            assertTrue(html.contains("/unsubscribe/" + token), "this reader's own link in the body");
            assertTrue(html.contains("Hey Reader, this copy is for Reader " + i + "."), "greeted by first name, each copy its reader's");
        }
        JsonPath log = Api.asEditor().get("/api/issues/" + issueId + "/deliveries?status=sent").then().statusCode(200).extract().jsonPath();
        assertEquals(500, log.getList("$").size(), "first page of the log");
        assertTrue(log.getString("[0].messageId").startsWith("<"));
        Api.asEditor().get("/api/subscribers/" + readers.get("reader1@send.example.org").id + "/deliveries").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo("sent"));
    }
}
