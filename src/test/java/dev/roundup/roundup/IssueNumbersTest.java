package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.AtOnce;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Sends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The numbers readers see: 1, 2, 3… in the order issues go out; a cancelled draft uses none and can come back. */
@QuarkusTest
class IssueNumbersTest {

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    /** The highest number given so far (by any test before this one), 0 when none was. */
    static int lastNumber() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Integer max = Issue.getEntityManager().createQuery("select max(i.number) from Issue i", Integer.class).getSingleResult();
            return max == null ? 0 : max;
        });
    }

    static Integer numberOf(long issueId) {
        return Api.asEditor().get("/api/issues/" + issueId).then().statusCode(200).extract().jsonPath().get("number");
    }

    @Test
    void aCancelledDraftUsesNoNumberAndARestoredOneIsNumberedWhenItGoesOut() throws Exception {
        Sends.subscribe(List.of("numbers-reader@example.org"));
        Issue a = drafts.create(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 8));
        Issue b = drafts.create(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 15));
        Api.asEditor().body(Map.of("status", "cancelled")).post("/api/issues/" + a.id + "/status").then().statusCode(200);

        int before = lastNumber();
        Sends.start(b.id);
        assertEquals(before + 1, numberOf(b.id), "the first to go out takes the next number: the cancelled draft used none");
        assertNull(numberOf(a.id));
        Browser editor = Browser.signedInEditor();
        String list = editor.get("/editor/issues").then().statusCode(200).extract().asString();
        assertTrue(list.contains("/editor/issues/" + a.id + "/restore"), "the list offers Restore for the cancelled draft");

        editor.postWithoutToken("/editor/issues/" + a.id + "/restore", Map.of()).then().statusCode(403);
        editor.post("/editor/issues/" + a.id + "/restore", Map.of("from", "list")).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/editor/issues"));
        assertEquals("draft", Api.asEditor().get("/api/issues/" + a.id).then().extract().jsonPath().getString("status"));
        String page = editor.get("/editor/issues/" + a.id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("draft #" + a.id), "a draft is called by its id until it has a number");
        Api.asEditor().post("/api/issues/" + a.id + "/restore").then().statusCode(409); // a draft is not cancelled

        Sends.start(a.id);
        assertEquals(before + 2, numberOf(a.id), "numbered in the order they went out, not the order they were drafted");

        Sends.awaitState(b.id, "done", Duration.ofSeconds(30));
        String archived = io.restassured.RestAssured.given().get("/archive/" + (before + 1)).then().statusCode(200).extract().asString();
        assertTrue(archived.contains("Issue #" + (before + 1)), "the archive shows the number readers got");
        Sends.awaitState(a.id, "done", Duration.ofSeconds(30));
    }

    @Test
    void anIssueWhoseSendHadStartedStaysCancelled() {
        Issue e = drafts.create(LocalDate.of(2024, 3, 18), LocalDate.of(2024, 3, 25));
        curation.changeStatus(e.id, IssueStatus.SENDING, null); // its send starts, and is cancelled before any copy went out
        curation.sendEnded(e.id, IssueStatus.CANCELLED);
        Integer number = numberOf(e.id);
        Api.asEditor().post("/api/issues/" + e.id + "/restore").then().statusCode(409).body("detail",
                org.hamcrest.Matchers.equalTo("The send of issue #" + number + " had started before it was cancelled: it cannot become a draft again."));
        Api.asEditor().body(Map.of("status", "draft")).post("/api/issues/" + e.id + "/status").then().statusCode(409);
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/issues/" + e.id + "/restore", Map.of()).then().statusCode(303);
        String page = editor.get("/editor/issues/" + e.id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("it cannot become a draft again"), "the refusal shows on the page");
        assertFalse(page.contains("/editor/issues/" + e.id + "/restore"), "and no Restore is offered");
        assertFalse(editor.get("/editor/issues").then().extract().asString().contains("/editor/issues/" + e.id + "/restore"));
        assertEquals("cancelled", Api.asEditor().get("/api/issues/" + e.id).then().extract().jsonPath().getString("status"));
        assertEquals(number, numberOf(e.id));
    }

    @Test
    void twoSendsStartedAtOnceTakeTwoNumbersInARow() throws Exception {
        Sends.subscribe(List.of("numbers-reader@example.org"));
        Issue c = drafts.create(LocalDate.of(2024, 2, 5), LocalDate.of(2024, 2, 12));
        Issue d = drafts.create(LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 19));
        long[] ids = {c.id, d.id};
        AtomicInteger next = new AtomicInteger();
        int before = lastNumber();
        List<Integer> answers = AtOnce.answers(2, () -> Api.asEditor().post("/api/issues/" + ids[next.getAndIncrement()] + "/send").statusCode());
        assertEquals(List.of(200, 200), answers);
        List<Integer> numbers = List.of(numberOf(c.id), numberOf(d.id));
        assertEquals(List.of(before + 1, before + 2), numbers.stream().sorted().toList(), "one each, none twice, no gap: " + numbers);
        Sends.awaitState(c.id, "done", Duration.ofSeconds(30));
        Sends.awaitState(d.id, "done", Duration.ofSeconds(30));
    }
}
