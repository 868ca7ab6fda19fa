package dev.roundup.delivery;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * The write timeout of SMTP connections: a relay that stops reading would otherwise block a sender for good, since a
 * socket write has no timeout of its own. One daemon thread looks every second at the messages being written and
 * closes the socket under any that has taken longer than the timeout, which makes the write fail like an outage.
 * Jakarta Mail's own write timeout schedules a task and wakes a timer thread for every write, several per message:
 * a fifth of the senders' CPU in a large send.
 */
final class StalledWrites {

    private static final Logger LOG = Logger.getLogger(StalledWrites.class);

    /** One connection's socket and when its current message started, or 0 between messages. */
    static final class Watch {
        private final Socket socket;
        private volatile long busySince;

        private Watch(Socket socket) {
            this.socket = socket;
        }

        void begin() {
            busySince = Math.max(1, System.nanoTime());
        }

        void end() {
            busySince = 0;
        }
    }

    private final long timeoutNanos;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    StalledWrites(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(this::watch, "smtp-stalled-writes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    Watch watch(Socket socket) {
        Watch w = new Watch(socket);
        watched.add(w);
        return w;
    }

    void forget(Watch w) {
        watched.remove(w);
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watched) {
                long since = w.busySince;
                if (since != 0 && now - since > timeoutNanos) {
                    LOG.warnf("An SMTP message has been on the wire for over %d s: closing its connection", timeoutNanos / 1_000_000_000);
                    try {
                        w.socket.close();
                    } catch (IOException ignored) {
                        // closing is all we wanted
                    }
                    watched.remove(w);
                }
            }
        }
    }
}
