package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A relay that stops reading must not hold a sender forever: the watchdog closes the stalled connection. */
class StalledWritesTest {

    @Test
    void aWriteToAPeerThatStoppedReadingFailsAfterTheTimeout() throws Exception {
        StalledWrites stalled = new StalledWrites(Duration.ofSeconds(1));
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new NoDelaySocketFactory(stalled).createSocket(InetAddress.getLoopbackAddress(), relay.getLocalPort());
                Socket accepted = relay.accept()) { // accepted, and never read from
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) { // 6 GB: far beyond any socket buffer
                    out.write(chunk);
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(seconds >= 1 && seconds < 5, "the stalled write was cut after the 1 s timeout, not " + seconds + " s");
        } finally {
            stalled.stop();
        }
    }

    @Test
    void aConnectionThatIsNotWritingIsLeftAlone() throws Exception {
        StalledWrites stalled = new StalledWrites(Duration.ofMillis(200));
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new NoDelaySocketFactory(stalled).createSocket(InetAddress.getLoopbackAddress(), relay.getLocalPort());
                Socket accepted = relay.accept()) {
            socket.getOutputStream().write("EHLO roundup\r\n".getBytes());
            // waiting for an answer is a read, with the socket's own timeout: for 1.5 s, far past the 200 ms, it stays open
            Awaitility.await("an idle connection is not a stalled one").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> !socket.isClosed());
            socket.getOutputStream().write(1);
            assertFalse(socket.isClosed(), "an idle connection is not a stalled one");
        } finally {
            stalled.stop();
        }
    }
}
