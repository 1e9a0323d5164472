package io.resilienceagent.config;

import static io.resilienceagent.config.SchemaReader.BREAKER_KEYS;
import static io.resilienceagent.config.SchemaReader.BUDGET_KEYS;
import static io.resilienceagent.config.SchemaReader.RETRY_KEYS;
import static io.resilienceagent.config.SchemaReader.SECTION_KEYS;
import static io.resilienceagent.config.ValueReader.NUMBER;

import io.resilienceagent.config.ValueReader.Entry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code retry} and {@code circuitBreaker} sections of {@code defaults} or of one service, key
 * by key over the settings they inherit, with the builders of {@link RetrySettings} and
 * {@link BreakerSettings}. Also checks what only merged settings tell: {@code minWait <= maxWait}, and
 * that a retry budget has a ratio.
 */
final class SettingsReader {
    static final String MISSING_RATIO = "missing the required key 'ratio' (retries may add at most this fraction on "
            + "top of first attempts), for example budget: { ratio: 0.2 }";

    private static final String RETRY = "a mapping with the keys " + String.join(", ", RETRY_KEYS);
    private static final String BREAKER = "a mapping with the keys " + String.join(", ", BREAKER_KEYS);
    private static final String BUDGET = "a mapping with the keys " + String.join(", ", BUDGET_KEYS) + ", or null";
    private static final String RATIO = "a number > 0 and <= 10";
    private static final String RATE = "a number >= 0";

    private final Problems problems;
    private final ValueReader values;

    SettingsReader(Problems problems, ValueReader values) {
        this.problems = problems;
        this.values = values;
    }

    /**
     * The settings of {@code defaults} or of one service, and which wait bounds its own {@code retry}
     * section set (so that a {@code minWait > maxWait} message can say where each value came from).
     *
     * @param retryValid false when the {@code retry} section has a problem: checks across keys then skip it
     */
    record Layer(RetrySettings retry, BreakerSettings breaker, boolean setsMinWait, boolean setsMaxWait,
            boolean retryValid) {
        static final Layer BUILT_IN = new Layer(RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS, false, false, true);
    }

    /** The sections of {@code owner} ({@code defaults} or a service) over {@code base}. */
    Layer layer(Entry owner, Layer base) {
        Layer retry = new Layer(base.retry(), base.breaker(), false, false, true);
        BreakerSettings breaker = base.breaker();
        for (Entry section : values.entries(owner.value(), owner.path(), "a mapping with retry and/or circuitBreaker")) {
            switch (section.key()) {
                case "retry" -> retry = retry(section, base);
                case "circuitBreaker" -> breaker = breaker(section, base.breaker());
                default -> values.unknownKey(section, SECTION_KEYS);
            }
        }
        return new Layer(retry.retry(), breaker, retry.setsMinWait(), retry.setsMaxWait(), retry.retryValid());
    }

    private Layer retry(Entry section, Layer parent) {
        RetrySettings base = parent.retry();
        RetrySettings.Builder retry = RetrySettings.from(base);
        boolean setsMinWait = false;
        boolean setsMaxWait = false;
        int problemsBefore = problems.count();
        for (Entry entry : values.entries(section.value(), section.path(), RETRY)) {
            Node value = entry.value();
            String path = entry.path();
            switch (entry.key()) {
                case "maxAttempts" -> retry.maxAttempts(values.count(value, path).orElse(base.maxAttempts()));
                case "minWait" -> {
                    retry.minWait(values.duration(value, path, true).orElse(base.minWait()));
                    setsMinWait = true;
                }
                case "maxWait" -> {
                    retry.maxWait(values.duration(value, path, true).orElse(base.maxWait()));
                    setsMaxWait = true;
                }
                case "multiplier" -> retry.multiplier(values.number(value, path, NUMBER, false, Double.MAX_VALUE).orElse(base.multiplier()));
                case "jitter" -> retry.jitter(values.jitter(value, path).orElse(base.jitter()));
                case "retryOn" -> retry.retryOn(values.classNames(value, path).orElse(base.retryOn()));
                case "abortOn" -> retry.abortOn(values.classNames(value, path).orElse(base.abortOn()));
                case "retryOnStatus" -> retry.retryOnStatus(values.statuses(value, path).orElse(base.retryOnStatus()));
                case "statusAccessor" -> retry.statusAccessors(values.methodNames(value, path).orElse(base.statusAccessors()));
                case "attemptTimeout" -> retry.attemptTimeout(values.optionalDuration(value, path).orElse(base.attemptTimeout()));
                case "budget" -> retry.budget(budget(entry, base.budget()));
                default -> values.unknownKey(entry, RETRY_KEYS);
            }
        }
        Layer layer = new Layer(retry.build(), parent.breaker(), setsMinWait, setsMaxWait, problems.count() == problemsBefore);
        if ((setsMinWait || setsMaxWait) && layer.retryValid() && parent.retryValid()) {
            checkWaitOrder(layer, parent, section);
        }
        return layer;
    }

    private void checkWaitOrder(Layer own, Layer base, Entry section) {
        Duration minWait = own.retry().minWait();
        Duration maxWait = own.retry().maxWait();
        if (minWait.compareTo(maxWait) > 0) {
            problems.add(section.keyNode(), section.path(), "minWait " + Durations.format(minWait)
                    + " (" + origin(own.setsMinWait(), base.setsMinWait()) + ") is greater than maxWait "
                    + Durations.format(maxWait) + " (" + origin(own.setsMaxWait(), base.setsMaxWait())
                    + "); make minWait <= maxWait");
        }
    }

    private static String origin(boolean setHere, boolean setInDefaults) {
        if (setHere) {
            return "set here";
        }
        return setInDefaults ? "from defaults" : "built-in default";
    }

    /**
     * A budget's keys over the one inherited (a service may change only {@code minPerSecond}); {@code null}
     * switches an inherited budget off. A budget that inherits none needs a ratio.
     */
    private Optional<RetryBudget> budget(Entry entry, Optional<RetryBudget> inherited) {
        Node node = entry.value();
        if (YamlReader.isNull(node)) {
            return Optional.empty();
        }
        if (!YamlHygiene.hasAllowedTag(node)) {
            return inherited;
        }
        if (!(node instanceof MappingNode)) {
            values.wrongType(node, entry.path(), BUDGET);
            return inherited;
        }
        RetryBudget base = inherited.isPresent() ? inherited.get() : null;
        double ratio = base == null ? Double.NaN : base.ratio();
        double minPerSecond = base == null ? RetryBudget.DEFAULT_MIN_PER_SECOND : base.minPerSecond();
        Duration window = base == null ? RetryBudget.DEFAULT_WINDOW : base.window();
        boolean ratioGiven = false;
        for (Entry key : values.entries(node, entry.path(), BUDGET)) {
            switch (key.key()) {
                case "ratio" -> {
                    ratio = values.number(key.value(), key.path(), RATIO, false, 10).orElse(Double.NaN);
                    ratioGiven = true;
                }
                case "minPerSecond" -> minPerSecond = values.number(key.value(), key.path(), RATE, true, Double.MAX_VALUE).orElse(minPerSecond);
                case "window" -> window = values.duration(key.value(), key.path(), false).orElse(window);
                default -> values.unknownKey(key, BUDGET_KEYS);
            }
        }
        if (base == null && !ratioGiven) {
            problems.add(entry.keyNode(), entry.path(), MISSING_RATIO);
        }
        return Double.isNaN(ratio) ? inherited : Optional.of(new RetryBudget(ratio, minPerSecond, window));
    }

    private BreakerSettings breaker(Entry section, BreakerSettings base) {
        BreakerSettings.Builder breaker = BreakerSettings.from(base);
        for (Entry entry : values.entries(section.value(), section.path(), BREAKER)) {
            Node value = entry.value();
            String path = entry.path();
            switch (entry.key()) {
                case "failureThreshold" -> breaker.failureThreshold(values.count(value, path).orElse(base.failureThreshold()));
                case "recoveryTimeout" -> breaker.recoveryTimeout(values.duration(value, path, false).orElse(base.recoveryTimeout()));
                case "successThreshold" -> breaker.successThreshold(values.count(value, path).orElse(base.successThreshold()));
                case "halfOpenMaxCalls" -> breaker.halfOpenMaxCalls(values.count(value, path).orElse(base.halfOpenMaxCalls()));
                case "openException" -> breaker.openException(values.optionalClassName(value, path).orElse(base.openException()));
                default -> values.unknownKey(entry, BREAKER_KEYS);
            }
        }
        return breaker.build();
    }
}
