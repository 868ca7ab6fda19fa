package dev.roundup.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY, for SMTP. SMTP sends many small commands that each wait for an answer; with
 * Nagle's algorithm and delayed ACKs every one of them stalls until the other side's delayed-ACK timer fires, which
 * holds a send far below what its connections carry (docs/performance.md). Given {@link StalledWrites}, every write
 * to a socket it made is watched, so a relay that stops reading cannot hold a sender for good; STARTTLS layers TLS on
 * these same sockets, so its writes are watched too.
 */
public class NoDelaySocketFactory extends SocketFactory {

    private final StalledWrites stalledWrites;

    /** Sockets whose writes have no timeout (the benchmark's bare loop). */
    public NoDelaySocketFactory() {
        this(null);
    }

    NoDelaySocketFactory(StalledWrites stalledWrites) {
        this.stalledWrites = stalledWrites;
    }

    public static SocketFactory getDefault() {
        return new NoDelaySocketFactory();
    }

    private Socket tune(WatchedSocket s) throws IOException {
        s.setTcpNoDelay(true);
        if (stalledWrites != null) {
            s.watch = stalledWrites.watch(s);
        }
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return tune(new WatchedSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new WatchedSocket(), InetAddress.getByName(host), port, null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new WatchedSocket(), InetAddress.getByName(host), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new WatchedSocket(), host, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new WatchedSocket(), address, port, localAddress, localPort);
    }

    private Socket connected(WatchedSocket s, InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        if (localAddress != null) {
            s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        }
        s.connect(new java.net.InetSocketAddress(host, port));
        return tune(s);
    }

    /** A socket whose writes tell its watch when they start and end, and which is forgotten when closed. */
    static final class WatchedSocket extends Socket {
        private volatile StalledWrites.Watch watch;
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                out = new FilterOutputStream(raw) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        StalledWrites.Watch w = watch;
                        if (w == null) {
                            raw.write(b, off, len);
                            return;
                        }
                        w.begin();
                        try {
                            raw.write(b, off, len);
                        } finally {
                            w.end();
                        }
                    }

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }
                };
            }
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            StalledWrites.Watch w = watch;
            if (w != null) {
                w.forget();
            }
            super.close();
        }
    }
}
