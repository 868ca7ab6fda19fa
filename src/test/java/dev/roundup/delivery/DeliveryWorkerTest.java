package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.roundup.mail.Mail;
import dev.roundup.mail.MailConnection;
import dev.roundup.mail.MailResult;
import dev.roundup.mail.SmtpOutcome;

/**
 * One worker, without an app: a fake queue of delivery rows and a fake connection that answers as a relay would.
 * What the worker tells the queue is the spec of what a send does with each answer.
 */
class DeliveryWorkerTest {

    static final DeliveryWorker.Rules RULES = new DeliveryWorker.Rules(3, Duration.ofMinutes(1), 10, Duration.ofMinutes(10));

    @Test
    void aDeliveredReaderIsSentARefusedOneBouncedAndATemporaryOneRetriedLaterCounted() {
        // something got through before (the send is past its start), so a 5xx to RCPT is the reader's own
        RelayHealth health = health();
        health.pastTheStart();
        FakeQueue queue = new FakeQueue(List.of(reader(1, "ok@example.org", 0), reader(2, "unknown@example.org", 0), reader(3, "full@example.org", 0)));
        FakeConnection relay = new FakeConnection(Map.of(
                "unknown@example.org", new MailResult(SmtpOutcome.RECIPIENT_REFUSED, 550, "550 5.1.1 User unknown", true, null),
                "full@example.org", new MailResult(SmtpOutcome.TEMPORARY, 452, "452 4.2.2 Mailbox full", true, null)));

        worker(queue, relay, health).run();

        assertEquals(List.of("ok@example.org", "unknown@example.org", "full@example.org"), relay.tried);
        assertEquals(List.of("sent 1", "bounced 2: 550 5.1.1 User unknown", "retry 3 counted: 452 4.2.2 Mailbox full", "released", "closed"),
                queue.said);
        assertTrue(relay.closed, "the connection is closed when the worker stops");
    }

    @Test
    void aReaderRefusedBeforeAnythingGotThroughIsHeldNotBounced() {
        FakeQueue queue = new FakeQueue(List.of(reader(1, "unknown@example.org", 0), reader(2, "ok@example.org", 0)));
        FakeConnection relay = new FakeConnection(Map.of(
                "unknown@example.org", new MailResult(SmtpOutcome.RECIPIENT_REFUSED, 550, "550 5.1.1 User unknown", true, null)));

        worker(queue, relay, health()).run();

        assertEquals(List.of("retry 1 uncounted: 550 5.1.1 User unknown", "sent 2", "released", "closed"), queue.said,
                "nothing was delivered yet: it may be the relay refusing everyone, so nobody is bounced");
    }

    @Test
    void aRelayRefusingToSendPausesTheSendAndBouncesNobody() {
        FakeQueue queue = new FakeQueue(List.of(reader(1, "a@example.org", 0), reader(2, "b@example.org", 0)));
        FakeConnection relay = new FakeConnection(Map.of(
                "a@example.org", new MailResult(SmtpOutcome.RELAY_REFUSED, 550, "550 5.7.1 Relaying denied", true, null)));

        worker(queue, relay, health()).run();

        assertEquals(List.of("a@example.org"), relay.tried, "the worker stops at once");
        assertEquals("retry 1 uncounted: 550 5.7.1 Relaying denied", queue.said.get(0));
        assertTrue(queue.said.get(1).startsWith("paused: The SMTP relay refuses to send for Roundup (550 5.7.1 Relaying denied)"), queue.said.get(1));
        assertEquals(List.of("released", "closed"), queue.said.subList(2, queue.said.size()));
    }

    @Test
    void aTemporaryRefusalOnTheLastAttemptFailsTheReader() {
        FakeQueue queue = new FakeQueue(List.of(reader(1, "full@example.org", RULES.maxAttempts() - 1)));
        FakeConnection relay = new FakeConnection(Map.of(
                "full@example.org", new MailResult(SmtpOutcome.TEMPORARY, 452, "452 4.2.2 Mailbox full", true, null)));

        worker(queue, relay, health()).run();

        assertEquals(List.of("failed 1: still refused after 3 attempts: 452 4.2.2 Mailbox full", "released", "closed"), queue.said);
    }

    @Test
    void aWorkerWhoseClaimWasTakenOverSendsNoMoreOfTheBatch() {
        FakeQueue queue = new FakeQueue(List.of(reader(1, "a@example.org", 0), reader(2, "b@example.org", 0), reader(3, "c@example.org", 0)));
        queue.lostAfter = 1;
        FakeConnection relay = new FakeConnection(Map.of());

        worker(queue, relay, health()).run();

        assertEquals(List.of("a@example.org"), relay.tried);
        assertEquals(List.of("sent 1", "released", "closed"), queue.said);
    }

    private static DeliveryWorker worker(FakeQueue queue, FakeConnection relay, RelayHealth health) {
        Letters.Composer composer = reader -> Mail.of(reader.email(), reader.name(), "Issue", "text", "<p>html</p>");
        return new DeliveryWorker(queue, relay, () -> composer, () -> health, RULES, () -> { }, () -> false);
    }

    private static RelayHealth health() {
        return new RelayHealth(new RelayHealth.Rules(RULES.refusalsAtStart(), 5, Duration.ofSeconds(30), Duration.ofMinutes(10)), System.nanoTime());
    }

    private static Deliveries.Claimed reader(long id, String email, int attempts) {
        return new Deliveries.Claimed(id, email, "Reader " + id, "p" + id, 0, attempts);
    }

    /** A relay that accepts everyone except those it was told to refuse. */
    static final class FakeConnection implements MailConnection {
        final Map<String, MailResult> refusals;
        final List<String> tried = new ArrayList<>();
        boolean closed;

        FakeConnection(Map<String, MailResult> refusals) {
            this.refusals = refusals;
        }

        @Override
        public MailResult send(Mail mail) {
            tried.add(mail.to());
            closed = false;
            return refusals.getOrDefault(mail.to(), new MailResult(SmtpOutcome.DELIVERED, 250, "250 2.0.0 Ok", false, "<" + tried.size() + "@test>"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One batch, then nothing: the send stops running once the batch went back. Writes down what it is told. */
    static final class FakeQueue implements DeliveryQueue {
        final List<Deliveries.Claimed> batch;
        final List<String> said = new ArrayList<>();
        boolean claimed;
        int lostAfter = Integer.MAX_VALUE;

        FakeQueue(List<Deliveries.Claimed> batch) {
            this.batch = batch;
        }

        @Override
        public boolean running() {
            return !said.contains("released") && !said.stream().anyMatch(s -> s.startsWith("paused"));
        }

        @Override
        public List<Deliveries.Claimed> claim() {
            if (claimed) {
                return List.of();
            }
            claimed = true;
            return batch;
        }

        @Override
        public boolean holds(List<Deliveries.Claimed> b, int next) {
            return next < lostAfter;
        }

        @Override
        public Set<Long> stillReceiving(List<Deliveries.Claimed> readers) {
            return readers.stream().map(Deliveries.Claimed::subscriberId).collect(Collectors.toCollection(HashSet::new));
        }

        @Override
        public void sent(Deliveries.Claimed reader, String messageId) {
            said.add("sent " + reader.subscriberId());
        }

        @Override
        public void retryLater(Deliveries.Claimed reader, Instant when, String error, boolean countAttempt) {
            said.add("retry " + reader.subscriberId() + (countAttempt ? " counted: " : " uncounted: ") + error);
        }

        @Override
        public void refund(List<Long> subscriberIds, Instant when) {
            said.add("refund " + subscriberIds);
        }

        @Override
        public void failed(Deliveries.Claimed reader, String error) {
            said.add("failed " + reader.subscriberId() + ": " + error);
        }

        @Override
        public boolean bounce(Deliveries.Claimed reader, String reply) {
            said.add("bounced " + reader.subscriberId() + ": " + reply);
            return true;
        }

        @Override
        public int bounced() {
            return (int) said.stream().filter(s -> s.startsWith("bounced")).count();
        }

        @Override
        public void skipped(Deliveries.Claimed reader, String why) {
            said.add("skipped " + reader.subscriberId());
        }

        @Override
        public void release() {
            said.add("released");
        }

        @Override
        public void pause(String reason) {
            said.add("paused: " + reason);
        }

        @Override
        public void finishIfDone() {
            said.add("finished");
        }

        @Override
        public void close() {
            said.add("closed");
        }
    }
}
