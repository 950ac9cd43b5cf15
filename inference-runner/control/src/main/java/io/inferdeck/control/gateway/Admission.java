package io.inferdeck.control.gateway;

import java.util.Optional;

/**
 * Who may use the gateway and how much: one strategy per gateway, chosen when it is built. Today's three:
 * the profile's single key ({@link ProfileKeyAdmission}), the key store with per-key limits
 * ({@code control.gateway.keys.KeyAdmission}, which still admits the profile key as key id {@code profile}), and
 * open ({@link OpenAdmission}: no keys, clients on this machine only). Implementations are thread-safe: every
 * request thread calls {@link #admit} concurrently.
 */
public interface Admission {

    /**
     * Decides on one request before its body is read. The caller must {@link Ticket#close} the ticket, refused or
     * not, by the time the request has ended.
     *
     * @param authorization  the {@code Authorization} header, or null
     * @param loopbackClient the client connected from a loopback address
     * @param metered        a request forwarded to an engine (limits apply and it counts as usage); false for the
     *                       gateway's own read-only pages ({@code /metrics}, {@code /inferdeck/...})
     */
    Ticket admit(String authorization, boolean loopbackClient, boolean metered);

    /** The profile's key when it has one, else open (loopback clients only): the gateway without a key store. */
    static Admission profileKeyOrOpen(Optional<String> apiKey) {
        return apiKey.<Admission>map(ProfileKeyAdmission::new).orElseGet(OpenAdmission::new);
    }

    /** Makes a gateway's admission from its profile's {@code apiKey} (empty = none); {@link #profileKeyOrOpen} is one. */
    @FunctionalInterface
    interface Factory {
        Admission forProfileKey(Optional<String> apiKey);
    }

    /** One request's admission: who it is, whether it was refused, and what it used once it ended. */
    interface Ticket {
        /** The key id for labels and the log ({@code none} when unknown or open): never the key itself. */
        String keyId();

        /** Present when the request must be answered with this error instead of being served. */
        Optional<Refusal> refusal();

        /**
         * The {@code Authorization} header to send upstream for a client that sent {@code clientAuthorization}
         * (null = none). By default the client's own: the profile key is also the engine's key.
         */
        default String upstreamAuthorization(String clientAuthorization) {
            return clientAuthorization;
        }

        /**
         * The request ended as {@code done} recorded it (empty: it failed before anything was recorded, e.g. the
         * client left while sending its body): releases what {@link #admit} took and charges what it used. The
         * gateway calls it as soon as the record exists, before the client sees the end of the reply (a client that
         * got its answer may use the freed place at once), and again when the request ends, for the ways out that
         * recorded nothing: implementations act on the first call only.
         */
        void close(Optional<RequestRecord> done);
    }

    /** A ticket that holds nothing and charges nothing (profile key, open, gateway pages, refusals before a key is known). */
    record PlainTicket(String keyId, Optional<Refusal> refusal) implements Ticket {
        public static PlainTicket admitted(String keyId) {
            return new PlainTicket(keyId, Optional.empty());
        }

        public static PlainTicket refused(String keyId, Refusal refusal) {
            return new PlainTicket(keyId, Optional.of(refusal));
        }

        @Override
        public void close(Optional<RequestRecord> done) {
            // nothing held, nothing metered
        }
    }
}
