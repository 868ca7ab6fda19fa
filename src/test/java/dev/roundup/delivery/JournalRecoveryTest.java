package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.testing.Api;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue #16: the marks a crashed run left in the send journal cannot be saved at start (here the folder cannot be
 * read). The app starts, but sends nothing: the readers those marks name still look unsent. The send pauses with the
 * reason, so the editor sees why nothing goes out (it does not sit "running" for ever); once the journal can be read,
 * resuming saves its marks first, and the send goes on without them.
 */
@QuarkusTest
@TestProfile(JournalRecoveryTest.UnreadableJournal.class)
class JournalRecoveryTest {

    @Inject
    Drafts drafts;

    @Inject
    TroubledJournal journal;

    @Test
    void noReaderIsClaimedBeforeTheMarksACrashedRunLeftAreSaved() throws Exception {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            readers.add(String.format("c%03d@recovery.test", i));
        }
        Sends.subscribe(readers);
        long issueId = drafts.create(LocalDate.of(2019, 2, 4), LocalDate.of(2019, 2, 11)).id;
        long first = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(readers.get(0)).orElseThrow().id);
        // what a run killed right after the relay took the first reader's copy leaves behind: a line, no database row
        journal.append("sent-000001.journal", (issueId + " " + first + " " + System.currentTimeMillis() + " <crashed-run@roundup.test>\n")
                .getBytes(StandardCharsets.US_ASCII));
        journal.close("sent-000001.journal");

        int before = journal.listings();
        Sends.start(issueId);
        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
        String reason = paused.getString("reason");
        assertTrue(reason.contains("could not be saved") && reason.contains("Permission denied"), reason);
        assertTrue(journal.listings() > before, "the send's workers asked for the journal to be replayed first");
        assertEquals(0, ScriptedRelay.sink().received().size(), "nothing is sent while the journal waits to be replayed");

        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200);
        Sends.awaitState(issueId, "paused", Duration.ofSeconds(30)); // tried again, and paused again: still unreadable
        assertEquals(0, ScriptedRelay.sink().received().size());
        journal.readable();
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200);

        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(readers.size(), done.getInt("sent"), done.prettify());
        assertEquals(0, ScriptedRelay.sink().to(readers.get(0)).size(), "the crashed run's reader is not sent a second copy");
        for (String r : readers.subList(1, readers.size())) {
            assertEquals(1, ScriptedRelay.sink().to(r).size(), r + " got the issue once");
        }
        assertTrue(journal.segments().stream().noneMatch(s -> s.equals("sent-000001.journal")), "the replayed segment is gone");
    }

    /** The scripted relay with a data folder of its own and a journal folder that cannot be read, until the test says. */
    public static class UnreadableJournal extends ScriptedRelay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return JournalTroubleTest.ownDataFolder(super.getConfigOverrides(), "recovery");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TroubledJournal.class);
        }
    }
}
