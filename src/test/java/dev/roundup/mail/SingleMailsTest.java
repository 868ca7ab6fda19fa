package dev.roundup.mail;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.delivery.DeliveryTag;
import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberStatus;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Mails that are not an issue's real send, as the relay receives them: the greeting names Roundup's domain, a test
 * send carries the list headers of a real send and the bounce address, and its unsubscribe link says it was a test.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class SingleMailsTest {

    private static final String TESTER = "tester@single.test";

    @Inject
    Drafts drafts;

    @Test
    void theRelayIsGreetedWithTheFromDomainNotLocalhost() throws Exception {
        long issueId = drafts.create(LocalDate.of(2016, 5, 2), LocalDate.of(2016, 5, 9)).id;
        Browser.signedInEditor().post("/editor/issues/" + issueId + "/test", Map.of("to", "greeting@single.test")).then().statusCode(303);
        awaitMail("greeting@single.test");
        List<String> greetings = ScriptedRelay.sink().greetings();
        assertFalse(greetings.isEmpty());
        // the From address is news@roundup.test; Angus alone would say "localhost" or the machine's own name
        assertTrue(greetings.stream().allMatch("roundup.test"::equals), greetings.toString());
    }

    @Test
    void aTestSendCarriesTheListHeadersOfARealSendAndTheBounceAddress() throws Exception {
        long issueId = drafts.create(LocalDate.of(2016, 6, 6), LocalDate.of(2016, 6, 13)).id;
        Browser.signedInEditor().post("/editor/issues/" + issueId + "/test", Map.of("to", TESTER)).then().statusCode(303);
        SmtpSink.Received test = awaitMail(TESTER);
        MimeMessage testMail = parse(test);

        Sends.subscribe(List.of("real@single.test"));
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofSeconds(30));
        MimeMessage real = parse(awaitMail("real@single.test"));

        assertTrue(testMail.getSubject().startsWith("[TEST] "));
        assertEquals(real.getHeader("List-Id", null), testMail.getHeader("List-Id", null));
        assertEquals("List-Unsubscribe=One-Click", testMail.getHeader("List-Unsubscribe-Post", null));
        assertEquals(real.getHeader("List-Unsubscribe-Post", null), testMail.getHeader("List-Unsubscribe-Post", null));
        String unsubscribe = testMail.getHeader("List-Unsubscribe", null);
        assertTrue(unsubscribe != null && unsubscribe.matches("<https?://[^>]+/unsubscribe/test>"), unsubscribe);

        // bounces of a test go to the bounce address too, tagged so that they are recognised (VERP, as a real send)
        String tag = testMail.getHeader(DeliveryTag.HEADER, null);
        assertTrue(tag != null && tag.matches("t" + issueId + "\\.[0-9a-f]{20}"), tag);
        assertEquals("bounces+" + tag + "@roundup.test", test.mailFrom());
        assertTrue(awaitMail("real@single.test").mailFrom().startsWith("bounces+" + issueId + "."), "a real send keeps its delivery tag");
    }

    @Test
    void theUnsubscribeLinkOfATestSendSaysItWasATestAndChangesNothing() throws Exception {
        long issueId = drafts.create(LocalDate.of(2016, 7, 4), LocalDate.of(2016, 7, 11)).id;
        Browser.signedInEditor().post("/editor/issues/" + issueId + "/test", Map.of("to", "link@single.test")).then().statusCode(303);
        MimeMessage mail = parse(awaitMail("link@single.test"));
        String link = Mails.link(mail, "/unsubscribe/"); // the link a reader clicks, in the text part
        String path = Mails.path(link);
        Sends.subscribe(List.of("stays@single.test"));
        long unsubscribedBefore = unsubscribed();

        given().get(path).then().statusCode(200).body(containsString("This was a test mail")).body(containsString("nobody was unsubscribed"));
        // RFC 8058 one-click, as a mail provider posts it: no cookie, no token
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(path).then().statusCode(200)
                .body(containsString("This was a test mail"));

        assertEquals(unsubscribedBefore, unsubscribed());
        assertEquals("<" + link + ">", mail.getHeader("List-Unsubscribe", null), "the link a mail provider posts to is the same");
        assertEquals(SubscriberStatus.CONFIRMED,
                QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail("stays@single.test").orElseThrow().status));
    }

    private static long unsubscribed() {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.count("status", SubscriberStatus.UNSUBSCRIBED));
    }

    private static SmtpSink.Received awaitMail(String address) throws InterruptedException {
        return ScriptedRelay.sink().first(address, Duration.ofSeconds(15));
    }

    static MimeMessage parse(SmtpSink.Received received) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(received.raw()));
    }
}
