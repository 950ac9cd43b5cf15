package io.inferdeck.control.gateway.filter;

/**
 * The output side for one reply text (one per choice), fed its text as it streams. It releases what is safe to
 * send now and holds back a short tail that could still turn out to be part of personal data continued in the
 * next delta (so a number or address split across two events is still masked). Confined to the request's
 * thread; not reused.
 */
public interface StreamGuard {
    /** Judges {@code delta} with the held tail; returns what may be sent now (possibly empty, possibly masked). */
    Release accept(String delta);

    /** The reply text ended: judges and releases the held tail. */
    Release finish();

    /** The decision so far (after a blocked release: the block and its stage). */
    FilterOutcome outcome();

    /**
     * Text to send now, or {@code blocked}: the reply must not go on (the gateway cancels the upstream request and
     * ends the stream with an error event); {@code text} is then empty.
     */
    record Release(String text, boolean blocked) {
        public static final Release BLOCKED = new Release("", true);

        public static Release of(String text) {
            return new Release(text, false);
        }
    }

    /** Releases everything at once, unchanged: for capturing a reply that is not filtered. */
    StreamGuard PASS_THROUGH = new StreamGuard() {
        @Override
        public Release accept(String delta) {
            return Release.of(delta);
        }

        @Override
        public Release finish() {
            return Release.of("");
        }

        @Override
        public FilterOutcome outcome() {
            return FilterOutcome.PASS;
        }
    };
}
