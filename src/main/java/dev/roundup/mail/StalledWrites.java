package dev.roundup.mail;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * The write timeout of SMTP connections: a relay that stops reading would otherwise block a sender for good, since a
 * socket write has no timeout of its own. Each write to a watched socket notes when it started; one daemon thread
 * looks every second and closes the socket under any single write that has lasted longer than the timeout, which
 * makes that write fail like an outage. Reads have the socket's own timeout. Jakarta Mail's write timeout does the
 * same by scheduling a task and waking a timer thread for every write, several per message: a fifth of the senders'
 * CPU in a large send.
 */
final class StalledWrites {

    private static final Logger LOG = Logger.getLogger(StalledWrites.class);

    /** One socket, and when its current write started (0 between writes). */
    final class Watch {
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

        void forget() {
            watched.remove(this);
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

    Watch watch(Socket socket) {
        Watch w = new Watch(socket);
        watched.add(w);
        return w;
    }

    void stop() {
        thread.interrupt();
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
                // the same write still going (not a new one that started since it was read), for too long
                if (since != 0 && now - since > timeoutNanos && w.busySince == since) {
                    LOG.warnf("A write to the SMTP relay has been blocked for over %d s: closing the connection", timeoutNanos / 1_000_000_000);
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
