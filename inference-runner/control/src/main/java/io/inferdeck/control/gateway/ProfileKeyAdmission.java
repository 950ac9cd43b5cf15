package io.inferdeck.control.gateway;

/**
 * Admission by the profile's one {@code apiKey} (the gateway's behaviour without a key store): every path but
 * {@code /health} needs {@code Authorization: Bearer KEY}, compared in constant time; admitted requests carry
 * key id {@code profile}. No limits, no usage. Immutable.
 */
final class ProfileKeyAdmission implements Admission {
    static final String KEY_ID = "profile";
    private static final String MISSING = "missing or invalid API key (Authorization: Bearer KEY)";
    private final byte[] expected;

    ProfileKeyAdmission(String apiKey) {
        this.expected = BearerToken.header(apiKey);
    }

    @Override
    public Ticket admit(String authorization, boolean loopbackClient, boolean metered) {
        return BearerToken.matches(authorization, expected) ? PlainTicket.admitted(KEY_ID)
                : PlainTicket.refused(RequestRecord.NONE, Refusal.unauthorized(MISSING));
    }
}
