package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.gateway.filter.InputVerdict;
import io.inferdeck.control.gateway.filter.StreamGuard;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.ReviewSink;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.pipeline.StageSwitches;
import io.inferdeck.safety.pipeline.VerdictCache;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyFilterSet;
import io.inferdeck.services.safety.SafetyService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Live safety filtering for a deployment's gateway with the same filter stages as the safety suites (one
 * {@link SafetyFilterSet}, which it owns and closes): each prompt text through the input stages — PII masked in
 * what is forwarded, REVIEW and BLOCK as {@link LiveReview} decides — and each reply through a
 * {@link LookBehindGuard}. A prompt text longer than the filter's length cap is judged on its first part (the
 * suites' rule) but masked whole. The classifier answers texts it judged before from a {@link VerdictCache}: each
 * message of a request is its own text, so the turns a chat sends again, and a repeated system prompt, are
 * embedded once. Thread-safe.
 */
public final class LiveTrafficFilter implements TrafficFilter {
    /** The stages cheap enough for every streamed delta; the others judge a reply by segments. */
    private static final Set<Stage> WINDOW = Set.of(Stage.NORMALIZE, Stage.BLOCKLIST, Stage.PII);

    private final SafetyFilterSet filters;
    private final FilterPipeline input;
    private final boolean inputOn;
    private final OutputChecks output;
    private final LiveReview review;
    private final PiiMasker masker;
    private final VerdictCache cache;

    private LiveTrafficFilter(SafetyFilterSet filters, VerdictCache cache, LiveReview review, PiiMasker masker, ReviewQueue queue) {
        this.filters = filters;
        this.cache = cache;
        this.review = review;
        this.masker = masker;
        this.input = filters.pipeline();
        FilterConfig config = input.config();
        this.inputOn = !config.input().describe(input.stages()).isEmpty();
        StageSwitches out = config.output();
        FilterPipeline window = only(input, out, WINDOW::contains, ReviewSink.NONE);   // a window is no review item
        FilterPipeline segment = only(input, out, s -> !WINDOW.contains(s), queue);
        this.output = new OutputChecks(window, on(window, Set.of(Stage.BLOCKLIST, Stage.PII)::contains), segment,
                on(segment, s -> !s.equals(Stage.NORMALIZE)), review);
    }

    /**
     * The filter settings a profile's {@code gateway.safety} block asks for: its stage ids on the sides it turns
     * on (no ids = every stage), over {@code base}'s term lists, classifier head, masks and extra stages.
     */
    public static FilterSettings settings(GatewaySettings.Safety live, FilterSettings base) {
        StageSwitches stages = live.stages().isEmpty() ? StageSwitches.all()
                : StageSwitches.of(live.stages().stream().map(Stage::parse).toList());
        FilterConfig c = FilterConfig.builder().input(live.input() ? stages : StageSwitches.none())
                .output(live.output() ? stages : StageSwitches.none()).reviewMargin(base.config().reviewMargin())
                .maxChars(base.config().maxChars()).build();
        return new FilterSettings(c, base.terms(), base.head(), base.masks(), base.extraStages());
    }

    /**
     * Opens the filters a profile's {@code gateway.safety} block asks for over {@code safety}'s settings, review
     * queue and masks. Loads the classifier when a stage list includes it (about a second): a worker thread.
     *
     * @throws IllegalArgumentException for an unknown stage id or review mode
     */
    public static LiveTrafficFilter open(GatewaySettings.Safety live, SafetyService safety) throws IOException {
        return open(live, safety, List.of());
    }

    /** The same, with {@code extra} stages (the profile's guard stage) beside the settings' own. */
    public static LiveTrafficFilter open(GatewaySettings.Safety live, SafetyService safety, List<FilterStage> extra)
            throws IOException {
        LiveReview review = new LiveReview(safety.reviewQueue(), live.review());
        VerdictCache cache = new VerdictCache(VerdictCache.LIVE_BYTES);
        FilterSettings wanted = settings(live, safety.settings());
        for (FilterStage s : extra) {
            wanted = wanted.withStage(s);
        }
        SafetyFilterSet filters = safety.openFilters(wanted, Optional.of(cache));
        try {
            return new LiveTrafficFilter(filters, cache, review, new PiiMasker(safety.piiDetector()), safety.reviewQueue());
        } catch (RuntimeException e) {
            filters.close();
            throw e;
        }
    }

    /** The same stages with only those of {@code side} that {@code keep} accepts on the output side. */
    private static FilterPipeline only(FilterPipeline base, StageSwitches side, Predicate<Stage> keep, ReviewSink sink) {
        FilterConfig c = base.config();
        StageSwitches picked = StageSwitches.of(base.stages().stream().filter(side::on).filter(keep).toList());
        return base.with(FilterConfig.builder().input(StageSwitches.none()).output(picked).reviewMargin(c.reviewMargin())
                .maxChars(c.maxChars()).build(), sink);
    }

    /** True when some output stage of {@code p} that {@code judging} accepts is on. */
    private static boolean on(FilterPipeline p, Predicate<Stage> judging) {
        return p.stages().stream().filter(p.config().output()::on).anyMatch(judging);
    }

    @Override
    public InputVerdict inspect(List<String> texts) {
        List<String> forwarded = new ArrayList<>(texts.size());
        FilterOutcome worst = FilterOutcome.PASS;
        for (String text : texts) {
            if (!inputOn) {
                forwarded.add(text);
                continue;
            }
            PipelineResult r = input.filter(text, Side.INPUT);
            String safe = !r.truncated() ? r.safeText() : input.config().input().on(Stage.PII) ? masker.mask(text) : text;
            forwarded.add(safe);
            worst = worst.orWorse(review.input(r, input, !safe.equals(text)));
        }
        return new InputVerdict(worst, forwarded);
    }

    @Override
    public boolean filtersOutput() {
        return output.on();
    }

    @Override
    public StreamGuard guard() {
        return new LookBehindGuard(output);
    }

    @Override
    public Map<String, Long> verdictCacheLookups() {
        return Map.of("hit", cache.hits(), "miss", cache.misses());
    }

    @Override
    public void close() {
        filters.close();
    }
}
