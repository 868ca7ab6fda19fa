package dev.roundup.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.RoundupConfig;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import dev.roundup.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue #16: the send journal cannot be written in the middle of a send (here its folder is replaced by a file, which
 * stops root too, as a full disk would). The send pauses with the reason instead of handing the same message out
 * at every tick; the message the server had accepted is marked sent, and resuming once the folder is back sends
 * everyone else, each reader once.
 */
@QuarkusTest
@TestProfile(JournalTroubleTest.OwnDataFolder.class)
class JournalTroubleTest {

    @Inject
    Drafts drafts;

    @Inject
    RoundupConfig roundup;

    @Test
    void aJournalThatCannotBeWrittenMidSendPausesTheSendAndNoMessageGoesOutTwice() throws Exception {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            readers.add(String.format("j%03d@journal.test", i));
        }
        Sends.subscribe(readers);
        AtomicReference<Path> broken = new AtomicReference<>();
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                if (address.equals(readers.get(10)) && broken.get() == null) {
                    broken.set(replaceByAFile(Path.of(roundup.dataDir(), "send-journal")));
                }
                if (broken.get() != null) {
                    pause(); // a relay at a distance: the committer starts a new segment before the send ends
                }
                return "250 2.1.5 Ok";
            }
        });
        long issueId = drafts.create(LocalDate.of(2019, 1, 7), LocalDate.of(2019, 1, 14)).id;
        Sends.start(issueId);

        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
        String reason = paused.getString("reason");
        assertTrue(reason.contains("Could not write the send journal in " + broken.get()), reason);
        assertEachGotItAtMostOnce(readers); // not handed out again at every tick

        Files.delete(broken.get()); // the folder is back (created again at the next mark)
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
        });
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200).body("state", equalTo("running"));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(readers.size(), done.getInt("sent"), done.prettify());
        for (String r : readers) {
            // once: the mark the journal could not take was not lost, or resuming would have sent it again
            assertEquals(1, ScriptedRelay.sink().to(r).size(), r + " got the issue once");
        }
    }

    /** Replaces the journal's folder (the one folder there, this database's) by a file; returns its path. */
    private static Path replaceByAFile(Path journals) {
        try (Stream<Path> folders = Files.list(journals)) {
            Path folder = folders.filter(Files::isDirectory).findFirst().orElseThrow();
            try (Stream<Path> segments = Files.list(folder)) {
                for (Path p : segments.toList()) {
                    Files.delete(p); // the segment open for writing lives on, unlinked, until the committer takes it
                }
            }
            Files.delete(folder);
            Files.writeString(folder, "not a folder");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertEachGotItAtMostOnce(List<String> readers) {
        for (String r : readers) {
            assertTrue(ScriptedRelay.sink().to(r).size() <= 1, r + " got " + ScriptedRelay.sink().to(r).size() + " copies");
        }
    }

    /** The scripted relay, with a data folder and (on H2) a file database of its own, without WRITE_DELAY=0. */
    public static class OwnDataFolder extends ScriptedRelay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ownDataFolder(super.getConfigOverrides(), "journal");
        }
    }

    static Map<String, String> ownDataFolder(Map<String, String> config, String name) {
        Map<String, String> own = new HashMap<>(config);
        try {
            Path data = Files.createTempDirectory("roundup-" + name);
            own.put("roundup.data-dir", data.toString());
            String url = TestDatabases.fresh(name);
            // a file, so that the journal is replayed (an in-memory database is not), as an operator writes the URL
            own.put("quarkus.datasource.jdbc.url", url.startsWith("jdbc:h2:mem:") ? "jdbc:h2:file:" + data.resolve("roundup") + ";DB_CLOSE_ON_EXIT=FALSE" : url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return own;
    }
}
