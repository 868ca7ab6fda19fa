package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.junit.jupiter.api.Test;

import dev.roundup.delivery.SendState.Change;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.HandDriven;
import dev.roundup.testing.Sends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Changes of one send that meet: a worker finishing while an editor retries failed deliveries, a worker pausing while
 * an editor cancels, a worker changing rows another worker took over, a renewal finding part of its batch taken. Each
 * race is made to happen: one side holds the send's row (or has taken the rows) while the other runs, then lets go.
 * Claims are kept in the database, as on PostgreSQL, with a short lease; no worker runs apart from the test's.
 */
@QuarkusTest
@TestProfile(HandDriven.class)
class SendRacesTest {

    static final Duration LEASE = HandDriven.LEASE;

    @Inject
    Drafts drafts;

    @Inject
    IssueSends sends;

    @Inject
    DatabaseQueue.Parts queues;

    @Inject
    Jdbc jdbc;

    @Test
    void aSendDoesNotFinishWhileAnEditorRetriesItsFailedDeliveries() throws Exception {
        long issueId = sendTo("finish", 3, LocalDate.of(2017, 1, 2));
        jdbc.execute("update delivery set status = 'FAILED', attempts = 5, last_error = 'still refused after 5 attempts' where issue_id = ?", issueId);

        try (Holder held = hold(issueId, send -> { })) {
            Thread finishing = run(() -> sends.finishIfDone(issueId)); // a worker that found nothing left to claim
            awaitBlocked(1);
            Thread retrying = run(() -> sends.retryFailed(issueId)); // the editor's button, at the same moment
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> !retrying.isAlive() || blockedSessions() >= 2);
            held.letGo();
            finishing.join();
            retrying.join();
        }
        String state = state(issueId);
        long due = Long.parseLong(jdbc.text("select count(*) from delivery where issue_id = ? and status = 'PENDING'", issueId));
        assertEquals(3, due, "the retry went through");
        assertFalse("done".equals(state), "a send with readers due again is not done: nobody would send to them (" + state + ")");
    }

    @Test
    void aWorkerPausingWhileAnEditorCancelsLeavesTheSendCancelled() throws Exception {
        long issueId = sendTo("pause", 3, LocalDate.of(2017, 1, 9));
        try (Holder cancelling = hold(issueId, send -> send.apply(Change.CANCEL, "cancelled by an editor"))) {
            Thread pausing = run(() -> queues.open(issueId).pause("The SMTP relay refuses to send for Roundup")); // read before the cancel is in
            awaitBlocked(1);
            cancelling.letGo();
            pausing.join();
        }
        assertEquals("cancelled", state(issueId), "the cancel committed first and the pause may not undo it");
        assertEquals("cancelled by an editor", jdbc.text("select state_reason from issue_send where issue_id = ?", issueId));
    }

    @Test
    void anEditorWhoseChangeMeetsAnotherGetsA409() throws Exception {
        long issueId = sendTo("editor", 3, LocalDate.of(2017, 1, 16));
        AtomicReference<String> answer = new AtomicReference<>();
        try (Holder pausing = hold(issueId, send -> send.apply(Change.PAUSE, "The SMTP relay refuses to send for Roundup"))) {
            Thread cancel = run(() -> answer.set(Api.asEditor().post("/api/issues/" + issueId + "/send/cancel").then().extract().statusCode()
                    + " " + Api.asEditor().get("/api/issues/" + issueId + "/send").then().extract().path("state")));
            awaitBlocked(1);
            pausing.letGo();
            cancel.join();
        }
        assertEquals("409 paused", answer.get(), "the editor cancelled what they saw running, and it paused meanwhile: they look again");
        Api.asEditor().post("/api/issues/" + issueId + "/send/cancel").then().statusCode(200);
        Api.asEditor().get("/api/issues/" + issueId + "/send").then().body("state", org.hamcrest.Matchers.equalTo("cancelled"));
        Api.asEditor().post("/api/issues/" + issueId + "/send/pause").then().statusCode(409).body("detail", containsString("cancelled"));
    }

    @Test
    void aWorkerThatLostItsClaimChangesNoneOfTheRowsAnotherWorkerHolds() throws Exception {
        long issueId = sendTo("fence", 3, LocalDate.of(2017, 1, 23));
        try (DeliveryQueue first = queues.open(issueId); DeliveryQueue second = queues.open(issueId)) {
            List<Deliveries.Claimed> hung = first.claim();
            assertEquals(3, hung.size());
            leaseRanOut(issueId, hung);
            assertEquals(3, second.claim().size(), "taken over once the lease ran out");
            String token = jdbc.text("select max(claimed_by) from delivery where issue_id = ?", issueId);

            // the first worker's relay answers at last: what it does with its old batch must not touch the rows
            first.retryLater(hung.get(0), Instant.now(), "451 4.3.0 Try again later", true);
            first.failed(hung.get(1), "still refused after 5 attempts: 452 4.2.2 Mailbox full");
            first.skipped(hung.get(2), "no longer subscribed when their turn came");

            assertEquals("3", jdbc.text("select count(*) from delivery where issue_id = ? and status = 'CLAIMED' and claimed_by = ?", issueId, token),
                    "the second worker still holds all three: " + rows(issueId));
            assertEquals("0", jdbc.text("select max(attempts) from delivery where issue_id = ?", issueId));
        }
    }

    @Test
    void aRenewalThatFindsPartOfItsBatchTakenSkipsOnlyThatPart() throws Exception {
        long issueId = sendTo("renew", 5, LocalDate.of(2017, 1, 30));
        try (DeliveryQueue first = queues.open(issueId); DeliveryQueue second = queues.open(issueId)) {
            List<Deliveries.Claimed> batch = first.claim();
            assertEquals(5, batch.size());
            leaseRanOut(issueId, batch.subList(3, 4));
            assertEquals(1, second.claim().size(), "only the row whose lease ran out is taken over");
            Thread.sleep(LEASE.toMillis() / 2 + 100); // half the lease has passed: the next question renews

            assertTrue(first.holds(batch, 0), "the rest of the batch is still the first worker's: " + rows(issueId));
            assertFalse(first.holds(batch, 3), "the row taken over is the second worker's");
            assertTrue(first.holds(batch, 4));
            assertEquals("4", jdbc.text("select count(*) from delivery where issue_id = ? and status = 'CLAIMED' and claimed_at > ?", issueId,
                    Jdbc.at(Instant.now().minus(LEASE.dividedBy(2)))), "the first worker's four were renewed just now: " + rows(issueId));
        }
    }

    private long sendTo(String name, int readers, LocalDate week) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            emails.add(name + i + "@" + name + ".races.example.org");
        }
        // a send goes to every confirmed subscriber: the readers of the tests before have left
        jdbc.execute("update subscriber set status = 'UNSUBSCRIBED' where status = 'CONFIRMED'");
        Sends.subscribe(emails);
        long issueId = drafts.create(week, week.plusDays(7)).id;
        sends.start(issueId);
        assertEquals(String.valueOf(readers), jdbc.text("select count(*) from delivery where issue_id = ?", issueId));
        return issueId;
    }

    private void leaseRanOut(long issueId, List<Deliveries.Claimed> rows) {
        for (Deliveries.Claimed row : rows) {
            jdbc.execute("update delivery set claimed_at = ? where issue_id = ? and subscriber_id = ?", Jdbc.at(Instant.now().minus(Duration.ofHours(1))),
                    issueId, row.subscriberId());
        }
    }

    private String state(long issueId) {
        return jdbc.text("select state from issue_send where issue_id = ?", issueId);
    }

    private String rows(long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> IssueSend.getEntityManager()
                .createNativeQuery("select subscriber_id, status, claimed_by, claimed_at, attempts from delivery where issue_id = ?1 order by subscriber_id")
                .setParameter(1, issueId).getResultList().stream().map(r -> java.util.Arrays.toString((Object[]) r)).toList().toString());
    }

    /** Sessions of this database waiting for a lock another holds. */
    private long blockedSessions() {
        String sql = "postgresql".equals(System.getenv("ROUNDUP_DB_KIND"))
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        return Long.parseLong(jdbc.text(sql));
    }

    private void awaitBlocked(int sessions) throws InterruptedException {
        await("the other side waits for the send's row").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> blockedSessions() >= sessions);
        assertEquals(sessions, blockedSessions(), "the other side waits for the send's row");
    }

    /** A transaction that locks the send's row, makes a change to it and writes it, then waits to commit until let go. */
    private Holder hold(long issueId, java.util.function.Consumer<IssueSend> change) throws InterruptedException {
        Holder holder = new Holder();
        CountDownLatch holding = new CountDownLatch(1);
        holder.thread = run(() -> QuarkusTransaction.requiringNew().run(() -> {
            IssueSend send = IssueSend.findById(issueId, LockModeType.PESSIMISTIC_WRITE);
            change.accept(send);
            IssueSend.flush();
            holding.countDown();
            try {
                holder.go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holding.await();
        return holder;
    }

    static final class Holder implements AutoCloseable {
        final CountDownLatch go = new CountDownLatch(1);
        Thread thread;

        void letGo() throws InterruptedException {
            go.countDown();
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            letGo();
        }
    }

    private static Thread run(Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                System.out.println("refused: " + e);
            }
        });
        t.start();
        return t;
    }
}
