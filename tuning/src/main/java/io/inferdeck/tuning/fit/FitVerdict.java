package io.inferdeck.tuning.fit;

/** Whether a GPU's share fits its free memory: TIGHT means under 10% of the free memory would be left. */
public enum FitVerdict {
    FITS, TIGHT, WILL_NOT_FIT;

    /** Headroom below which a fit counts as tight, as a fraction of free memory. */
    public static final double TIGHT_HEADROOM = 0.10;

    public static FitVerdict of(long neededBytes, long freeBytes) {
        if (neededBytes > freeBytes) {
            return WILL_NOT_FIT;
        }
        return freeBytes - neededBytes < TIGHT_HEADROOM * freeBytes ? TIGHT : FITS;
    }

    public FitVerdict worse(FitVerdict other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
