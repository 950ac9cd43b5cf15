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

    /**
     * {@code count} distinct free loopback ports, none of them in {@code taken}. The OS may hand the same
     * ephemeral port to two successive probes when nothing is bound in between (the gateway binds the
     * profile's port only at start), so the probe repeats on a clash, at most 100 times per port.
     */
    public static java.util.List<Integer> allocate(int count, java.util.Set<Integer> taken) throws IOException {
        return allocate(count, taken, FreePorts::allocate);
    }

    /** One probe for a free port (the OS in production; a script in tests). */
    @FunctionalInterface
    interface Probe {
        int next() throws IOException;
    }

    static java.util.List<Integer> allocate(int count, java.util.Set<Integer> taken, Probe probe) throws IOException {
        java.util.Set<Integer> used = new java.util.HashSet<>(taken);
        java.util.List<Integer> ports = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int port = probe.next();
            for (int tries = 1; used.contains(port); tries++) {
                if (tries >= 100) {
                    throw new IOException("no free loopback port apart from " + used);
                }
                port = probe.next();
            }
            used.add(port);
            ports.add(port);
        }
        return java.util.List.copyOf(ports);
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
