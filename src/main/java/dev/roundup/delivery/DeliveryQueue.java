package dev.roundup.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One send's deliveries as one worker sees them: the only way a worker reads or changes delivery rows and the send's
 * state. It claims a batch at a time and takes back what the worker did with each reader. The rule that makes a crash
 * or a pause safe lives here, not in the worker: a batch goes back to the queue only once the "sent" marks of what it
 * sent are saved ({@link #release}, {@link #close}).
 */
interface DeliveryQueue extends AutoCloseable {

    /** Whether the send is running (not paused, cancelled or done); asked several times a second. */
    boolean running();

    /** Claims the next batch of due deliveries; empty when none is due now. */
    List<Deliveries.Claimed> claim();

    /**
     * Whether the delivery at {@code next} of the current batch is still this worker's to send: false once its claim
     * ran out and another worker took it over, or it changed meanwhile, and for all the rest of the batch once the
     * queue stopped it (a mark the journal could not take). The worker skips it and goes on with the rest. Cheap;
     * asked before every message.
     */
    boolean holds(List<Deliveries.Claimed> batch, int next);

    /** Of these readers, the ones who still receive issues. */
    Set<Long> stillReceiving(List<Deliveries.Claimed> readers);

    /** The server accepted the message (250). */
    void sent(Deliveries.Claimed reader, String messageId);

    /** Try again at {@code when}; counts as an attempt only when the reader's own server refused. */
    void retryLater(Deliveries.Claimed reader, Instant when, String error, boolean countAttempt);

    /** Gives back the attempts counted for 4xx replies that turned out to be the relay's (see {@link RelayHealth}). */
    void refund(List<Long> subscriberIds, Instant when);

    /** Failed for good (or after the last attempt); an editor may retry it. */
    void failed(Deliveries.Claimed reader, String error);

    /**
     * The reader's address was refused for good: a hard bounce (failed, and the subscriber bounced) if the send's
     * hard-bounce cap allows one more; otherwise false, and the reader is retried later instead.
     */
    boolean bounce(Deliveries.Claimed reader, String reply);

    /** How many readers the send has hard-bounced. */
    int bounced();

    /** The reader left before their turn came. */
    void skipped(Deliveries.Claimed reader, String why);

    /** Done with the current batch: what it did not send goes back, once what it sent is saved as sent. */
    void release() throws InterruptedException;

    /** Pauses the send with the reason shown to editors; a no-op if another worker paused it first. */
    void pause(String reason);

    /** Marks the send done (and the issue sent) if no delivery is left to try. */
    void finishIfDone() throws InterruptedException;

    /** The worker stops: everything it holds goes back, as {@link #release} says. */
    @Override
    void close() throws InterruptedException;
}
