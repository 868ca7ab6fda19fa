package dev.roundup.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny DNS server on 127.0.0.1 for tests (UDP, RFC 1035): answers TXT queries from a map, NXDOMAIN for names it
 * does not know, and nothing at all for names marked silent (a lookup that times out). Long values are split into
 * 255-byte character-strings, as real zones hold DKIM keys.
 */
public final class DnsServer implements AutoCloseable {

    private static final int TXT = 16;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    public DnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Publishes these TXT values at {@code name}, replacing what was there; none removes the name. */
    public void txt(String name, String... values) {
        String key = name.toLowerCase(Locale.ROOT);
        silent.remove(key);
        if (values.length == 0) {
            txt.remove(key);
        } else {
            txt.put(key, List.of(values));
        }
    }

    /** Queries for {@code name} go unanswered from now on. */
    public void silence(String name) {
        silent.add(name.toLowerCase(Locale.ROOT));
    }

    public void clear() {
        txt.clear();
        silent.clear();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(query.getData(), query.getLength());
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(byte[] q, int length) {
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (q[pos] != 0) {
            int label = q[pos] & 0xff;
            name.append(name.length() == 0 ? "" : ".").append(new String(q, pos + 1, label, StandardCharsets.US_ASCII));
            pos += label + 1;
        }
        pos++;
        int type = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
        int questionEnd = pos + 4;
        String key = name.toString().toLowerCase(Locale.ROOT);
        if (silent.contains(key)) {
            return null;
        }
        List<String> values = txt.get(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x81 | (q[2] & 0x01)); // a response, authoritative-free, recursion desired as asked
        out.write(values == null ? 0x83 : 0x80); // NXDOMAIN for an unknown name
        int count = values == null || type != TXT ? 0 : values.size();
        out.writeBytes(new byte[] {0, 1, 0, (byte) count, 0, 0, 0, 0});
        out.write(q, 12, questionEnd - 12);
        for (int i = 0; i < count; i++) {
            byte[] rdata = characterStrings(values.get(i));
            out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, TXT, 0, 1, 0, 0, 0, 60, (byte) (rdata.length >> 8), (byte) rdata.length});
            out.writeBytes(rdata);
        }
        return out.toByteArray();
    }

    private static byte[] characterStrings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int start = 0; start < bytes.length; start += 255) {
            int len = Math.min(255, bytes.length - start);
            out.write(len);
            out.write(bytes, start, len);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
