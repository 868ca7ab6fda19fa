package dev.roundup.feeds;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * How many feed bodies may be in memory at once, fetched and being parsed: the scheduled collector and an editor
 * adding a feed take a place here before fetching and give it back once the posts are stored. Without it, a few
 * large feeds arriving together could fill the heap, and an OutOfMemoryError anywhere (the database's own threads
 * included) takes the whole process down. The number follows from the heap: each body may cost up to
 * {@link #COST_PER_BODY} times {@code max-body-bytes} (the bytes, the cut copy, Rome's tree of it), and bodies may use
 * half the heap; {@code roundup.feeds.bodies-in-memory} sets it instead.
 */
@ApplicationScoped
public class FeedBodies {

    private static final Logger LOG = Logger.getLogger(FeedBodies.class);

    /** What one body in flight may cost, in multiples of its size: measured in docs/performance.md. */
    static final int COST_PER_BODY = 4;

    private final Semaphore places;
    private final int size;

    /** A place taken; closing gives it back (once). */
    public final class Place implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                places.release();
            }
        }
    }

    @Inject
    public FeedBodies(FeedsConfig config) {
        this(config.bodiesInMemory().orElse(fitting(Runtime.getRuntime().maxMemory(), config.maxBodyBytes())));
        LOG.debugf("At most %d feed bodies in memory at once", size);
    }

    FeedBodies(int size) {
        this.size = Math.max(1, size);
        this.places = new Semaphore(this.size, true);
    }

    /** How many bodies of at most {@code maxBodyBytes} fit in half of a heap of {@code maxHeap} bytes (at least one). */
    static int fitting(long maxHeap, long maxBodyBytes) {
        long perBody = Math.max(1, maxBodyBytes) * COST_PER_BODY;
        return (int) Math.max(1, Math.min(1000, (maxHeap / 2) / perBody));
    }

    public int size() {
        return size;
    }

    /**
     * Takes a place, waiting at most {@code wait} (null: as long as it takes, for the background collector).
     * Fails with a message an editor can act on when every place stays taken.
     */
    public Place take(Duration wait) throws FetchFailure {
        try {
            if (wait == null) {
                places.acquire();
            } else if (!places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FetchFailure("Roundup is already reading " + size + " feeds at once, as many as its memory allows; "
                        + "try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure("interrupted while waiting to fetch (Roundup is shutting down)");
        }
        return new Place();
    }
}
