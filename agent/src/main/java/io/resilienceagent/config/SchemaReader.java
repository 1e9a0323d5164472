package io.resilienceagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Walks the node tree along the config schema: sections, services, retry and breaker keys, method
 * mappings. Merges built-in defaults, the {@code defaults} section and each service key by key, and
 * checks what only the whole file can tell (wait bounds after merging, service references).
 */
final class SchemaReader {
    static final List<String> TOP_KEYS = List.of("defaults", "services", "methods");
    static final List<String> SECTION_KEYS = List.of("retry", "circuitBreaker");
    static final List<String> RETRY_KEYS = List.of(
            "maxAttempts", "minWait", "maxWait", "multiplier", "jitter", "retryOn", "abortOn", "retryOnStatus",
            "statusAccessor");
    static final List<String> BREAKER_KEYS = List.of(
            "failureThreshold", "recoveryTimeout", "successThreshold", "halfOpenMaxCalls", "openException");
    static final String EMPTY_FILE = "the file is empty; it needs at least a `services` section";

    private static final int MAX_NAMES_LISTED = 10;

    private final Problems problems;
    private final ValueReader values;

    SchemaReader(Problems problems) {
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    private record Entry(String key, YamlNode keyNode, YamlNode value, String path) {
    }

    private record Layers(RetryLayer retry, BreakerLayer breaker, YamlNode retryAt, String retryPath) {
    }

    /** The validated config; empty when at least one problem was recorded. */
    Optional<ResilienceConfig> read(Optional<YamlNode> document, Optional<Path> source) {
        if (document.isEmpty() || ValueReader.isScalar(document.get(), YamlTag.NULL)) {
            problems.add(1, 1, "", EMPTY_FILE);
            return Optional.empty();
        }
        YamlNode root = document.get();
        Entry defaults = null;
        Entry services = null;
        Entry methods = null;
        for (Entry entry : entries(root, "", "a mapping with the sections defaults, services and methods")) {
            switch (entry.key()) {
                case "defaults" -> defaults = entry;
                case "services" -> services = entry;
                case "methods" -> methods = entry;
                default -> unknownKey(entry, TOP_KEYS);
            }
        }
        if (services == null && root instanceof YamlNode.Mapping) {
            problems.add(root, "services", "missing the required section 'services'; list every service there, "
                    + "for example `services: { my_api: {} }` ({} means the defaults)");
        }
        Layers base = defaults == null
                ? new Layers(RetryLayer.EMPTY, BreakerLayer.EMPTY, root, "defaults.retry")
                : layers(defaults);
        RetrySettings baseRetry = base.retry().over(RetrySettings.DEFAULTS);
        BreakerSettings baseBreaker = base.breaker().over(BreakerSettings.DEFAULTS);
        if (base.retry().setsWaitBounds() && base.retry().valid()) {
            checkWaitOrder(baseRetry, base.retry(), RetryLayer.EMPTY, base);
        }

        Map<String, ServiceSettings> serviceSettings = new LinkedHashMap<>();
        Set<String> serviceNames = new LinkedHashSet<>();
        if (services != null) {
            for (Entry service : entries(services.value(), services.path(),
                    "a mapping of service names to their settings ({} means the defaults)")) {
                serviceNames.add(service.key());
                checkServiceName(service);
                Layers own = layers(service);
                RetrySettings retry = own.retry().over(baseRetry);
                if (own.retry().setsWaitBounds() && own.retry().valid() && base.retry().valid()) {
                    checkWaitOrder(retry, own.retry(), base.retry(), own);
                }
                serviceSettings.put(service.key(),
                        new ServiceSettings(service.key(), retry, own.breaker().over(baseBreaker)));
            }
        }

        List<MethodMapping> mappings = methods == null ? List.of() : methods(methods, serviceNames, services != null);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResilienceConfig(source, serviceSettings, mappings));
    }

    private Layers layers(Entry owner) {
        RetryLayer retry = RetryLayer.EMPTY;
        BreakerLayer breaker = BreakerLayer.EMPTY;
        YamlNode retryAt = owner.keyNode();
        String retryPath = YamlHygiene.child(owner.path(), "retry");
        for (Entry entry : entries(owner.value(), owner.path(), "a mapping with retry and/or circuitBreaker")) {
            switch (entry.key()) {
                case "retry" -> {
                    retry = retry(entry);
                    retryAt = entry.keyNode();
                }
                case "circuitBreaker" -> breaker = breaker(entry);
                default -> unknownKey(entry, SECTION_KEYS);
            }
        }
        return new Layers(retry, breaker, retryAt, retryPath);
    }

    private RetryLayer retry(Entry section) {
        Optional<Integer> maxAttempts = Optional.empty();
        Optional<Duration> minWait = Optional.empty();
        Optional<Duration> maxWait = Optional.empty();
        Optional<Double> multiplier = Optional.empty();
        Optional<Jitter> jitter = Optional.empty();
        Optional<List<String>> retryOn = Optional.empty();
        Optional<List<String>> abortOn = Optional.empty();
        Optional<StatusSet> retryOnStatus = Optional.empty();
        Optional<List<String>> statusAccessors = Optional.empty();
        int problemsBefore = problems.count();
        for (Entry entry : entries(section.value(), section.path(), "a mapping with the keys " + String.join(", ", RETRY_KEYS))) {
            YamlNode value = entry.value();
            String path = entry.path();
            switch (entry.key()) {
                case "maxAttempts" -> maxAttempts = values.count(value, path);
                case "minWait" -> minWait = values.duration(value, path, true);
                case "maxWait" -> maxWait = values.duration(value, path, true);
                case "multiplier" -> multiplier = values.positiveNumber(value, path);
                case "jitter" -> jitter = values.jitter(value, path);
                case "retryOn" -> retryOn = values.classNames(value, path);
                case "abortOn" -> abortOn = values.classNames(value, path);
                case "retryOnStatus" -> retryOnStatus = values.statuses(value, path);
                case "statusAccessor" -> statusAccessors = values.methodNames(value, path);
                default -> unknownKey(entry, RETRY_KEYS);
            }
        }
        return new RetryLayer(maxAttempts, minWait, maxWait, multiplier, jitter, retryOn, abortOn, retryOnStatus,
                statusAccessors, problems.count() == problemsBefore);
    }

    private BreakerLayer breaker(Entry section) {
        Optional<Integer> failureThreshold = Optional.empty();
        Optional<Duration> recoveryTimeout = Optional.empty();
        Optional<Integer> successThreshold = Optional.empty();
        Optional<Integer> halfOpenMaxCalls = Optional.empty();
        Optional<Optional<String>> openException = Optional.empty();
        for (Entry entry : entries(section.value(), section.path(), "a mapping with the keys " + String.join(", ", BREAKER_KEYS))) {
            YamlNode value = entry.value();
            String path = entry.path();
            switch (entry.key()) {
                case "failureThreshold" -> failureThreshold = values.count(value, path);
                case "recoveryTimeout" -> recoveryTimeout = values.duration(value, path, false);
                case "successThreshold" -> successThreshold = values.count(value, path);
                case "halfOpenMaxCalls" -> halfOpenMaxCalls = values.count(value, path);
                case "openException" -> openException = values.optionalClassName(value, path);
                default -> unknownKey(entry, BREAKER_KEYS);
            }
        }
        return new BreakerLayer(failureThreshold, recoveryTimeout, successThreshold, halfOpenMaxCalls, openException);
    }

    private void checkWaitOrder(RetrySettings merged, RetryLayer own, RetryLayer defaults, Layers at) {
        if (merged.minWait().compareTo(merged.maxWait()) <= 0) {
            return;
        }
        problems.add(at.retryAt(), at.retryPath(), "minWait " + Durations.format(merged.minWait())
                + " (" + origin(own.minWait(), defaults.minWait()) + ") is greater than maxWait "
                + Durations.format(merged.maxWait()) + " (" + origin(own.maxWait(), defaults.maxWait())
                + "); make minWait <= maxWait");
    }

    private static String origin(Optional<Duration> own, Optional<Duration> defaults) {
        if (own.isPresent()) {
            return "set here";
        }
        return defaults.isPresent() ? "from defaults" : "built-in default";
    }

    private void checkServiceName(Entry service) {
        if (!isServiceName(service.key())) {
            problems.add(service.keyNode(), service.path(), "service name " + NodeText.quote(service.key())
                    + " is not valid; use 1 to 100 letters, digits, '_', '-' or '.', since it appears in log lines "
                    + "and JMX names");
        }
    }

    private List<MethodMapping> methods(Entry section, Set<String> serviceNames, boolean servicesPresent) {
        List<MethodMapping> mappings = new ArrayList<>();
        Map<MethodPattern, YamlNode> seen = new HashMap<>();
        for (Entry entry : entries(section.value(), section.path(), "a mapping of method patterns to service names")) {
            Optional<MethodPattern> pattern = pattern(entry, seen);
            Optional<String> service = serviceReference(entry, serviceNames, servicesPresent);
            if (pattern.isPresent() && service.isPresent()) {
                mappings.add(new MethodMapping(pattern.get(), service.get()));
            }
        }
        return mappings;
    }

    private Optional<MethodPattern> pattern(Entry entry, Map<MethodPattern, YamlNode> seen) {
        MethodPattern pattern;
        try {
            pattern = MethodPattern.parse(entry.key());
        } catch (IllegalArgumentException e) {
            problems.add(entry.keyNode(), entry.path(), "invalid method pattern: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> neverWoven = pattern.neverWovenReason();
        if (neverWoven.isPresent()) {
            problems.add(entry.keyNode(), entry.path(), "this pattern can never match: " + neverWoven.get());
            return Optional.empty();
        }
        YamlNode first = seen.putIfAbsent(pattern, entry.keyNode());
        if (first != null) {
            problems.add(entry.keyNode(), entry.path(), "the same method pattern as line "
                    + (first.start().getLine() + 1) + "; keep only one of them");
            return Optional.empty();
        }
        return Optional.of(pattern);
    }

    private Optional<String> serviceReference(Entry entry, Set<String> serviceNames, boolean servicesPresent) {
        YamlNode value = entry.value();
        if (!YamlHygiene.hasAllowedTag(value)) {
            return Optional.empty();
        }
        if (!ValueReader.isScalar(value, YamlTag.STR) && !ValueReader.isScalar(value, YamlTag.INT)) {
            return values.wrongType(value, entry.path(), "the name of a service defined under services");
        }
        String name = ((YamlNode.Scalar) value).value();
        if (serviceNames.contains(name) || !servicesPresent) {
            return Optional.of(name);
        }
        String suggestion = KeySuggestions.didYouMean(name, serviceNames);
        String defined = serviceNames.isEmpty() ? "none" : listed(serviceNames);
        problems.add(value, entry.path(), "service " + NodeText.quote(name) + " is not defined under services"
                + (suggestion.isEmpty()
                        ? "; add it there (" + NodeText.clip(name) + ": {} uses the defaults). Defined services: "
                        : suggestion + " Defined services: ")
                + defined);
        return Optional.empty();
    }

    private void unknownKey(Entry entry, List<String> validKeys) {
        String suggestion = KeySuggestions.didYouMean(entry.key(), validKeys);
        problems.add(entry.keyNode(), entry.path(), "unknown key" + suggestion
                + (suggestion.isEmpty() ? "; valid keys: " : " Valid keys: ") + String.join(", ", validKeys));
    }

    private List<Entry> entries(YamlNode node, String path, String expected) {
        if (ValueReader.isScalar(node, YamlTag.NULL) || !YamlHygiene.hasAllowedTag(node)) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            values.wrongType(node, path, expected);
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode.Entry tuple : mapping.entries()) {
            YamlNode key = tuple.key();
            if (YamlHygiene.isMergeKey(key)) {
                continue;
            }
            if (!(key instanceof YamlNode.Scalar scalar)) {
                problems.add(key, path, "a key must be a plain name, found " + NodeText.describe(key));
                continue;
            }
            if (seen.add(scalar.value())) {
                entries.add(new Entry(scalar.value(), key, tuple.value(), YamlHygiene.child(path, scalar.value())));
            }
        }
        return entries;
    }

    private static String listed(Set<String> names) {
        String shown = names.stream().limit(MAX_NAMES_LISTED).map(NodeText::clip).collect(Collectors.joining(", "));
        return names.size() > MAX_NAMES_LISTED ? shown + ", ..." : shown;
    }

    /** 1 to 100 of {@code A-Z a-z 0-9 _ . -}: safe in a JMX object name and a log line. */
    static boolean isServiceName(String name) {
        if (name.isEmpty() || name.length() > 100) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
