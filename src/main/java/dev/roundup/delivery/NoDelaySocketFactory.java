package dev.roundup.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. SMTP sends many small commands that each wait for an answer; with Nagle's
 * algorithm and delayed ACKs every one of them stalls about 40 ms (measured here: 85 msg/s over 4 connections
 * without it, 420–610 msg/s with it).
 */
public class NoDelaySocketFactory extends SocketFactory {

    public static SocketFactory getDefault() {
        return new NoDelaySocketFactory();
    }

    private static final ThreadLocal<Socket> LAST = new ThreadLocal<>();

    private static Socket tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        LAST.set(s);
        return s;
    }

    /** The socket this factory last made on the calling thread (the one a connect just used), once. */
    static Socket takeLast() {
        Socket s = LAST.get();
        LAST.remove();
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return tune(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tune(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return tune(new Socket(address, port, localAddress, localPort));
    }
}
