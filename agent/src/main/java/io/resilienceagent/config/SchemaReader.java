package io.resilienceagent.config;

import io.resilienceagent.config.SettingsReader.Layer;
import io.resilienceagent.config.ValueReader.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks the document along the config schema: the sections, the services and the method mappings.
 * Each service's settings are merged key by key: built-in defaults, then the {@code defaults}
 * section, then the service's own keys ({@link SettingsReader}); the methods must name listed services.
 */
final class SchemaReader {
    static final List<String> TOP_KEYS = List.of("defaults", "services", "methods");
    static final List<String> SECTION_KEYS = List.of("retry", "circuitBreaker");
    static final List<String> RETRY_KEYS = List.of("maxAttempts", "minWait", "maxWait", "multiplier", "jitter", "retryOn",
            "abortOn", "retryOnStatus", "statusAccessor", "attemptTimeout", "budget");
    static final List<String> BREAKER_KEYS = List.of(
            "failureThreshold", "recoveryTimeout", "successThreshold", "halfOpenMaxCalls", "openException");
    static final List<String> BUDGET_KEYS = List.of("ratio", "minPerSecond", "window");
    static final String EMPTY_FILE = "the file is empty; it needs at least a `services` section";

    private static final int MAX_NAMES_LISTED = 10;

    /** Where a key of the schema belongs, for one written in the wrong section. */
    static Optional<String> sectionOf(String key) {
        if (RETRY_KEYS.contains(key)) {
            return Optional.of("retry");
        } else if (BREAKER_KEYS.contains(key)) {
            return Optional.of("circuitBreaker");
        } else if (BUDGET_KEYS.contains(key)) {
            return Optional.of("retry.budget");
        } else if (SECTION_KEYS.contains(key)) {
            return Optional.of("a service (services.NAME) or defaults");
        }
        return TOP_KEYS.contains(key) ? Optional.of("the top level, unindented") : Optional.empty();
    }

    private final Problems problems;
    private final ValueReader values;
    private final SettingsReader settings;

    SchemaReader(Problems problems) {
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.settings = new SettingsReader(problems, values);
    }

    /** The validated config; empty when at least one problem was recorded. */
    Optional<ResilienceConfig> read(Optional<Node> document, Optional<Path> source) {
        if (document.isEmpty() || YamlReader.isNull(document.get())) {
            problems.add(1, 1, "", EMPTY_FILE);
            return Optional.empty();
        }
        Node root = document.get();
        Entry defaults = null;
        Entry services = null;
        Entry methods = null;
        for (Entry entry : values.entries(root, "", "a mapping with the sections defaults, services and methods")) {
            switch (entry.key()) {
                case "defaults" -> defaults = entry;
                case "services" -> services = entry;
                case "methods" -> methods = entry;
                default -> values.unknownKey(entry, TOP_KEYS);
            }
        }
        if (services == null && root instanceof MappingNode) {
            problems.add(root, "services", "missing the required section 'services'; list every service there, "
                    + "for example `services: { my_api: {} }` ({} means the defaults)");
        }
        Layer base = defaults == null ? Layer.BUILT_IN : settings.layer(defaults, Layer.BUILT_IN);
        Map<String, ServiceSettings> serviceSettings = new LinkedHashMap<>();
        Set<String> serviceNames = new LinkedHashSet<>();
        if (services != null) {
            for (Entry service : values.entries(services.value(), services.path(),
                    "a mapping of service names to their settings ({} means the defaults)")) {
                serviceNames.add(service.key());
                checkServiceName(service);
                Layer own = settings.layer(service, base);
                serviceSettings.put(service.key(), new ServiceSettings(service.key(), own.retry(), own.breaker()));
            }
        }

        List<MethodMapping> mappings = methods == null ? List.of() : methods(methods, serviceNames, services != null);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResilienceConfig(source, serviceSettings, mappings));
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
        Map<MethodPattern, Node> seen = new HashMap<>();
        for (Entry entry : values.entries(section.value(), section.path(), "a mapping of method patterns to service names")) {
            Optional<MethodPattern> pattern = pattern(entry, seen);
            Optional<String> service = serviceReference(entry, serviceNames, servicesPresent);
            if (pattern.isPresent() && service.isPresent()) {
                mappings.add(new MethodMapping(pattern.get(), service.get()));
            }
        }
        return mappings;
    }

    private Optional<MethodPattern> pattern(Entry entry, Map<MethodPattern, Node> seen) {
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
        Node first = seen.putIfAbsent(pattern, entry.keyNode());
        if (first != null) {
            problems.add(entry.keyNode(), entry.path(), "the same method pattern as line "
                    + (first.getStartMark().getLine() + 1) + "; keep only one of them");
            return Optional.empty();
        }
        return Optional.of(pattern);
    }

    private Optional<String> serviceReference(Entry entry, Set<String> serviceNames, boolean servicesPresent) {
        Node value = entry.value();
        if (!YamlHygiene.hasAllowedTag(value)) {
            return Optional.empty();
        }
        Tag type = YamlReader.typeOf(value);
        if (!Tag.STR.equals(type) && !Tag.INT.equals(type)) {
            return values.wrongType(value, entry.path(), "the name of a service defined under services");
        }
        String name = ((ScalarNode) value).getValue();
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

    private static String listed(Set<String> names) {
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (String name : names) {
            if (count == MAX_NAMES_LISTED) {
                return shown.append(", ...").toString();
            }
            shown.append(count++ == 0 ? "" : ", ").append(NodeText.clip(name));
        }
        return shown.toString();
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
