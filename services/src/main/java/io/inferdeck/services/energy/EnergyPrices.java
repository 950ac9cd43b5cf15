package io.inferdeck.services.energy;

/**
 * What the operator pays, for the two cost-per-token figures: electricity, and renting a GPU by the
 * hour (cloud list prices include power, so the two are alternatives, never added).
 *
 * @param usdPerKwh     electricity price in $/kWh
 * @param usdPerGpuHour rent of one GPU for one hour in $
 */
public record EnergyPrices(double usdPerKwh, double usdPerGpuHour) {

    /**
     * Defaults documented in docs/gpu-monitor.md: $0.15/kWh (a typical commercial tariff) and
     * $2.50 per GPU-hour (an on-demand data-centre GPU); change them in the settings.
     */
    public static final EnergyPrices DEFAULTS = new EnergyPrices(0.15, 2.50);

    static final double JOULES_PER_KWH = 3.6e6;

    public EnergyPrices {
        if (!(usdPerKwh >= 0 && usdPerGpuHour >= 0) || Double.isInfinite(usdPerKwh) || Double.isInfinite(usdPerGpuHour)) {
            throw new IllegalArgumentException("prices must be finite and not negative");
        }
    }
}
