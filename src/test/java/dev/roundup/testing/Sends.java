package dev.roundup.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import dev.roundup.delivery.IssueSends;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;

/** Sending issues from tests through the API, as a script would. */
public final class Sends {

    private Sends() {
    }

    /**
     * Adds confirmed subscribers through the CSV import, one line each (an address, or an address and a name), and
     * returns the import's report.
     */
    public static JsonPath subscribe(List<String> lines) {
        return Api.asEditor().contentType("text/csv").body(csv(lines)).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Adds {@code count} confirmed subscribers {@code <local>0@<domain>} … through the CSV import. */
    public static JsonPath subscribe(String local, String domain, int count) {
        return subscribe(readers(local, domain, count));
    }

    /** {@code count} addresses {@code <local>0@<domain>}, {@code <local>1@<domain>} …, for a CSV import. */
    public static List<String> readers(String local, String domain, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> local + i + "@" + domain).toList();
    }

    /** The CSV file of these lines, as the import reads it. */
    public static String csv(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /**
     * For a profile with a database of its own, after each test: cancels the sends still running and unsubscribes every
     * confirmed reader, so that the next test's send goes to its own readers, not also to everyone earlier tests added.
     */
    public static void retireReaders(IssueSends sends) {
        sends.running().forEach(sends::cancel);
        QuarkusTransaction.requiringNew().run(() -> Subscriber.update("status = ?1 where status = ?2", SubscriberStatus.UNSUBSCRIBED,
                SubscriberStatus.CONFIRMED));
    }

    /** Starts sending an issue now. */
    public static void start(long issueId) {
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
    }

    /** Waits until the send reaches {@code state} and returns its progress. */
    public static JsonPath awaitState(long issueId, String state, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                last[0] = progress(issueId);
                return state.equals(last[0].getString("state"));
            });
        } catch (ConditionTimeoutException e) {
            assertEquals(state, last[0].getString("state"), "send state: " + last[0].prettify());
        }
        return last[0];
    }

    /** The send's progress, as the API answers it. */
    public static JsonPath progress(long issueId) {
        return Api.asEditor().get("/api/issues/" + issueId + "/send").then().statusCode(200).extract().jsonPath();
    }
}
