package io.inferdeck.control.gateway;

/**
 * A gateway without keys admits only clients on this machine. The profile validator already refuses a
 * non-loopback bind without {@code apiKey} or {@code gateway.keys}; this is the second line behind it, so a
 * gateway built some other way (a sweep's copy of a profile, a test) is never open to the network. Key id
 * {@code none}. Immutable.
 */
final class OpenAdmission implements Admission {

    @Override
    public Ticket admit(String authorization, boolean loopbackClient, boolean metered) {
        return loopbackClient ? PlainTicket.admitted(RequestRecord.NONE) : PlainTicket.refused(RequestRecord.NONE,
                Refusal.unauthorized("this gateway has no API keys and admits only clients on its own machine"));
    }
}
