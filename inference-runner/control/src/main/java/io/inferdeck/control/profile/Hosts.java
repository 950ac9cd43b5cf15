package io.inferdeck.control.profile;

import java.net.InetAddress;

/** Bind-address facts without DNS: validation must not block on a resolver. */
public final class Hosts {
    private Hosts() {
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and ::1. A host name other than localhost counts as
     * non-loopback (it would need DNS to know), which errs on the safe side: it then needs an API key.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }

    /** True for 0.0.0.0 and ::, which bind every interface and cannot be dialled as such. */
    public static boolean isWildcard(String host) {
        try {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.ofLiteral(h).isAnyLocalAddress();
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }

    /** The URL a client on this machine dials for a server bound to {@code host:port}: a wildcard bind is reached over loopback; IPv6 literals get brackets. */
    public static java.net.URI dialUrl(String host, int port) {
        String h = isWildcard(host) ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return java.net.URI.create("http://" + h + ":" + port);
    }
}
