package dev.roundup.listings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.AtOnce;
import dev.roundup.testing.Browser;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** A form sent twice, or twenty times at once, is one listing and one receipt; every sender gets the usual answer. */
@QuarkusTest
class DoubleSubmissionTest {

    @Test
    void twentySimultaneousCopiesOfAProjectAreOneProject() throws Exception {
        Map<String, String> form = SubmissionTestForms.project("Burst Tracker", "Burst.Maker@dup.example.org");
        assertEquals(List.of(303), AtOnce.posts(20, "/submit/project", i -> form).stream().distinct().toList(), "every sender is thanked");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Project.count("name", "Burst Tracker")));
        Mails.await("Burst.Maker@dup.example.org", 1, Duration.ofSeconds(10));

        // the same form again a moment later, with the address in another case: still the one project
        form.put("makerEmail", "burst.maker@DUP.example.org");
        new Browser().post("/submit/project", form).then().statusCode(303);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Project.count("name", "Burst Tracker")));
        assertEquals(1, GreenMailResource.to("dup.example.org").stream().filter(m -> {
            try {
                return m.getSubject().contains("project");
            } catch (Exception e) {
                return false;
            }
        }).count(), "one receipt");

        // another project of the same maker is a new listing
        new Browser().post("/submit/project", SubmissionTestForms.project("Burst Tracker Two", "Burst.Maker@dup.example.org")).then().statusCode(303);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Project.count("name", "Burst Tracker Two")));
    }

    @Test
    void twentySimultaneousCopiesOfAJobAreOneJob() throws Exception {
        Map<String, String> form = SubmissionTestForms.job("Burst Engineer", "hiring@dupjobs.example.org");
        assertEquals(List.of(303), AtOnce.posts(20, "/submit/job", i -> form).stream().distinct().toList());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Job.count("title", "Burst Engineer")));
        Mails.await("hiring@dupjobs.example.org", 1, Duration.ofSeconds(10));
    }

    @Test
    void aRejectedProjectSentAgainCorrectedIsANewListingWithAReceipt() throws Exception {
        Map<String, String> form = SubmissionTestForms.project("Rejected Tracker", "fixer@redo.example.org");
        new Browser().post("/submit/project", form).then().statusCode(303);
        Mails.await("fixer@redo.example.org", 1, Duration.ofSeconds(10));
        long first = QuarkusTransaction.requiringNew().call(() -> Project.<Project>find("name", "Rejected Tracker").firstResult().id);
        Browser.signedInEditor().post("/editor/projects/moderate", Map.of("id", first, "action", "reject", "reason", "Say what it does"))
                .then().statusCode(303);

        form.put("description", "Tracks rejected things, now with a description that says what it does.");
        new Browser().post("/submit/project", form).then().statusCode(303);
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Project.count("name", "Rejected Tracker")), "a new listing");
        Mails.await("fixer@redo.example.org", 2, Duration.ofSeconds(10));
    }
}
