package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.energy.EnergyPrices;
import io.inferdeck.services.energy.TokenCost;
import io.inferdeck.services.energy.TokenEnergyMeter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The "J / token" and "$ / 1M tokens" tiles, from a {@link TokenEnergyMeter} fed every GPU sample and
 * scrape. Without a figure they say why ("n/a" and, under it, e.g. "no GPU energy counter"), never 0.
 * FX thread only.
 */
final class DashboardEnergy {

    /** Figures cover the last minute of samples, once at least 5 s of them exist. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration MIN_SPAN = Duration.ofSeconds(5);

    final TileViewModel joules = new TileViewModel("Energy / token", "J/tok");
    final TileViewModel cost = new TileViewModel("Cost / 1M tokens", "$");
    private final TokenEnergyMeter meter;

    DashboardEnergy(EnergyPrices prices) {
        this.meter = new TokenEnergyMeter(prices, WINDOW, MIN_SPAN);
        refresh();
    }

    void gpu(GpuSnapshot s) {
        meter.gpu(s);
        refresh();
    }

    void metrics(EngineMetrics m) {
        meter.metrics(m);
        refresh();
    }

    void metricsUnavailable() {
        meter.tokensUnavailable();
        refresh();
    }

    private void refresh() {
        Optional<TokenCost> c = meter.cost();
        if (c.isEmpty()) {
            String why = meter.reason().replaceFirst("^n/a \\((.*)\\)$", "$1");
            joules.clear(why);
            cost.clear(why);
            return;
        }
        TokenCost t = c.get();
        String above = t.joulesPerTokenAboveIdle().isPresent()
                ? fmt("%s above idle", figure(t.joulesPerTokenAboveIdle().getAsDouble())) : "idle power not measured yet";
        joules.show(figure(t.joulesPerToken()), above + fmt(" · %d GPU%s", t.gpus(), t.gpus() == 1 ? "" : "s"),
                SloLevel.NEUTRAL);
        cost.show(figure(t.usdPerMillionByEnergy()), fmt("electricity · %s by GPU-hour", figure(t.usdPerMillionByGpuHour())),
                SloLevel.NEUTRAL);
    }

    /** Three significant digits: J/token spans 0.01 (big GPU, batched) to 100+ (idle-heavy); $/1M by electricity is often cents. */
    private static String figure(double v) {
        int decimals = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : v > 0 ? Math.min(8, 2 - (int) Math.floor(Math.log10(v))) : 3;
        return fmt("%." + decimals + "f", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
