package dev.roundup.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small SMTP server in the test JVM that answers what a test tells it to: 4xx or 5xx to chosen recipients or
 * messages, like a greylisting or a strict relay, which GreenMail cannot. It keeps each message's raw bytes (as they
 * crossed the wire, for DKIM checks) or, for benchmarks, only who it was for. Sockets use TCP_NODELAY, as a real MTA.
 * It can answer each message late, as a relay across a network does, so that a benchmark waits as it would there.
 */
public final class SmtpSink implements AutoCloseable {

    /** What the server answers; each method returns a full reply line such as {@code "250 2.1.5 Ok"}. */
    public interface Replies {
        /** The greeting of a new connection; anything but 220 and the sink hangs up after saying it. */
        default String greeting() {
            return "220 sink.test ESMTP ready";
        }

        /** The answer to MAIL FROM for an envelope sender. */
        default String mail(String from) {
            return "250 2.1.0 Ok";
        }

        /** The answer to RCPT TO for an address, on its {@code attempt}-th try (1 for the first). */
        default String rcpt(String address, int attempt) {
            return "250 2.1.5 Ok";
        }

        /** The answer after DATA for a message. */
        default String data(byte[] raw) {
            return "250 2.0.0 Ok: queued";
        }
    }

    /** A message as received: the envelope and, unless the sink only counts, the raw bytes. */
    public record Received(String mailFrom, List<String> recipients, byte[] raw) {
        public String text() {
            return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final boolean keepRaw;
    private volatile Replies replies = new Replies() {
    };
    private volatile long messageDelayNanos;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>()); // copy-on-write was quadratic
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final List<String> greetedAs = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile byte[] sample;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private SmtpSink(boolean keepRaw) throws IOException {
        this.keepRaw = keepRaw;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A sink that keeps every message's bytes. */
    public static SmtpSink keepingMessages() throws IOException {
        return new SmtpSink(true);
    }

    /** A sink that only records recipients: for benchmarks with hundreds of thousands of messages. */
    public static SmtpSink countingOnly() throws IOException {
        return new SmtpSink(false);
    }

    public SmtpSink answering(Replies replies) {
        this.replies = replies;
        return this;
    }

    /**
     * Answers each message (the reply to the final dot of DATA) only this long after it arrived, as a remote relay
     * does: a sender then waits on the network, not on the CPU. Each connection waits on its own.
     */
    public SmtpSink answeringEachMessageAfter(Duration delay) {
        this.messageDelayNanos = delay.toNanos();
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets what was received, as if new: for a measured run after a warm-up. */
    public void reset() {
        received.clear();
        rcptAttempts.clear();
        greetedAs.clear();
        messages.set(0);
        bytes.set(0);
        sample = null;
    }

    /** The names clients greeted with (the argument of each EHLO or HELO), in order. */
    public List<String> greetings() {
        return List.copyOf(greetedAs);
    }

    public long messageCount() {
        return messages.get();
    }

    /** Bytes of all messages received. */
    public long byteCount() {
        return bytes.get();
    }

    /** The first message received, kept even when the sink only counts. */
    public byte[] sample() {
        return sample;
    }

    /** The messages received for one address. */
    public List<Received> to(String address) {
        return received.stream().filter(r -> r.recipients().contains(address)).toList();
    }

    /** The first message received for an address, waiting up to {@code timeout} for it; fails the test if none came. */
    public Received first(String address, java.time.Duration timeout) throws InterruptedException {
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(java.time.Duration.ofMillis(50)).until(() -> !to(address).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the failure below names the address
        }
        List<Received> got = to(address);
        if (got.isEmpty()) {
            throw new AssertionError("no mail for " + address + " within " + timeout);
        }
        return got.get(0);
    }

    /** How often RCPT TO was tried for an address, refused or not. */
    public int rcptAttempts(String address) {
        AtomicInteger n = rcptAttempts.get(address);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "smtp-sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("smtp sink: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            Lines lines = new Lines(in);
            String greeting = replies.greeting();
            reply(out, greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String from = null;
            List<String> rcpts = new ArrayList<>();
            String line;
            while ((line = lines.command()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    greetedAs.add(line.substring(4).strip());
                }
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 52428800");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 sink.test");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    rcpts = new ArrayList<>();
                    if (!answer(out, replies.mail(from))) {
                        return;
                    }
                } else if (upper.startsWith("RCPT TO:")) {
                    String to = address(line.substring(8));
                    int attempt = rcptAttempts.computeIfAbsent(to, a -> new AtomicInteger()).incrementAndGet();
                    String answer = replies.rcpt(to, attempt);
                    if (answer.startsWith("2")) {
                        rcpts.add(to);
                    }
                    if (!answer(out, answer)) {
                        return;
                    }
                } else if (upper.equals("DATA")) {
                    if (rcpts.isEmpty()) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    byte[] raw = lines.message();
                    waitBeforeAnswering();
                    String answer = replies.data(raw);
                    if (answer.startsWith("2")) {
                        messages.incrementAndGet();
                        bytes.addAndGet(raw.length);
                        if (sample == null) {
                            sample = raw;
                        }
                        received.add(new Received(from, List.copyOf(rcpts), keepRaw ? raw : null));
                    }
                    rcpts = new ArrayList<>();
                    if (!answer(out, answer)) {
                        return;
                    }
                } else if (upper.equals("RSET")) {
                    rcpts = new ArrayList<>();
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private void waitBeforeAnswering() throws IOException {
        long delay = messageDelayNanos;
        if (delay > 0) {
            try {
                Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while holding a message", e);
            }
        }
    }

    private static String address(String s) {
        String t = s.strip();
        int lt = t.indexOf('<');
        int gt = t.indexOf('>');
        return lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t.split(" ")[0];
    }

    /** Says a scripted answer; false after a 421, when the server closes the connection (as RFC 5321 says). */
    private static boolean answer(OutputStream out, String line) throws IOException {
        reply(out, line);
        return !line.startsWith("421");
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * A connection's input as CRLF-ended lines, through a buffer of its own. Reading a byte at a time through
     * streams made the sink use most of a benchmark's CPU, so that it measured the sink more than the senders.
     */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buf = new byte[65536];
        private int pos;
        private int limit;
        private byte[] line = new byte[1024];
        private int length;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Reads the next line into {@link #line}, without its CRLF; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            while (true) {
                if (pos == limit) {
                    int n = in.read(buf, 0, buf.length);
                    if (n <= 0) {
                        return false;
                    }
                    pos = 0;
                    limit = n;
                }
                int lf = pos;
                while (lf < limit && buf[lf] != '\n') {
                    lf++;
                }
                append(pos, lf);
                if (lf < limit) {
                    pos = lf + 1;
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return true;
                }
                pos = limit;
            }
        }

        private void append(int from, int to) {
            int n = to - from;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buf, from, line, length, n);
            length += n;
        }

        /** One command line without its CRLF, or null at the end of the stream. */
        String command() throws IOException {
            return next() ? new String(line, 0, length, StandardCharsets.UTF_8) : null;
        }

        /** The message after DATA up to the lone dot, with dot-stuffing undone and CRLF line ends kept, byte for byte. */
        byte[] message() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream(32 * 1024);
            while (true) {
                if (!next()) {
                    throw new IOException("connection closed in DATA");
                }
                if (length == 1 && line[0] == '.') {
                    return message.toByteArray();
                }
                int from = length > 0 && line[0] == '.' ? 1 : 0;
                message.write(line, from, length - from);
                message.write('\r');
                message.write('\n');
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
