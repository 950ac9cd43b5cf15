package io.inferdeck.control.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for launching engines on loopback. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port the OS reports free right now on 127.0.0.1 (another process may still take it first). */
    public static int allocate() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Throws a clear error when {@code host:port} is already taken. */
    public static void checkAvailable(String host, int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + host + " is already in use (" + e.getMessage()
                    + "); stop what holds it or choose another port", e);
        }
    }
}
