package io.resilienceagent.bench.generated;

import io.resilienceagent.bench.generated.TypeSpec.Kind;
import io.resilienceagent.bench.generated.TypeSpec.MethodSpec;
import io.resilienceagent.bench.generated.TypeSpec.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plan of the generated application, the same on every run: 10 areas times 20 layers = 200
 * packages ({@code com.acme.orders.client}), 40 interfaces (4 of them rare: 4 implementations each) and
 * 20 abstract classes (2 rare: 3 subclasses each), then concrete classes spread over the packages: 40 %
 * plain, 30 % implementing one interface, 20 % extending one abstract class, 10 % with a static nested
 * class. Every class has a few small methods. The methods a config may name ({@link #targets()}) have
 * a body whose first call fails when the app is started in verify mode, so that a run can prove the
 * agent retries exactly them.
 */
final class AppLayout {
    static final String ROOT = "com.acme";
    static final List<String> AREAS = List.of("billing", "catalog", "orders", "shipping", "inventory", "customers",
            "search", "payments", "reporting", "notifications");
    static final List<String> LAYERS = List.of("api", "service", "client", "repository", "model", "web", "config",
            "util", "event", "mapper", "dto", "internal", "cache", "job", "validation", "security", "metrics", "audit",
            "support", "impl");
    private static final List<String> SUFFIXES = List.of("Api", "Service", "Client", "Repository", "", "Controller",
            "Config", "Utils", "Event", "Mapper", "Dto", "Support", "Cache", "Job", "Validator", "Policy", "Metrics",
            "AuditRecord", "Helper", "Impl");
    static final List<String> NOUNS = List.of("Order", "Invoice", "Account", "Ledger", "Item", "Price", "Stock",
            "Parcel", "Route", "Report", "Query", "Index", "Token", "Session", "Event", "Message", "Template", "Rule",
            "Batch", "Schedule", "Profile", "Address", "Payment", "Refund", "Coupon", "Cart", "Review", "Tag", "Export",
            "Import");
    private static final List<String> QUALIFIERS = List.of("", "Remote", "Default", "Batch", "Legacy");
    private static final List<String> ROLES = List.of("Handler", "Listener", "Gateway", "Webhook");
    private static final List<String> TEXT_VERBS = List.of("handle", "apply", "process", "convert", "render",
            "resolve", "publish", "lookup", "enrich", "normalize");
    private static final List<String> NUMBER_VERBS = List.of("score", "weigh", "rank", "tally", "limit");
    static final int INTERFACES = 40;
    static final int RARE_INTERFACES = 4;
    static final int ABSTRACTS = 20;
    static final int RARE_ABSTRACTS = 2;

    /** A method a config may name: its class's binary name and the method's name. */
    record Target(String className, String method) {
        String key() {
            return className + "#" + method;
        }
    }

    private final List<TypeSpec> types = new ArrayList<>();
    private final List<Target> exactTargets = new ArrayList<>();
    private final List<Target> wildcardTargets = new ArrayList<>();
    private final List<Target> rareSupertypes = new ArrayList<>();
    private final List<Target> rareSubtypeTargets = new ArrayList<>();

    private AppLayout() {
    }

    /** Plans {@code classCount} types (at least a few hundred, so that every kind and target exists). */
    static AppLayout plan(int classCount) {
        AppLayout layout = new AppLayout();
        layout.supertypes();
        layout.concreteClasses(classCount);
        return layout;
    }

    List<TypeSpec> types() {
        return types;
    }

    /** One {@code fetch} method per area, in its {@code client} package: named exactly by configs. */
    List<Target> exactTargets() {
        return exactTargets;
    }

    /** One {@code sync} method per area in a {@code Remote...Service} of its {@code service} package. */
    List<Target> wildcardTargets() {
        return wildcardTargets;
    }

    /** The rare interfaces' and abstract classes' methods, which only a few classes implement. */
    List<Target> rareSupertypes() {
        return rareSupertypes;
    }

    /** The implementations of {@link #rareSupertypes()}. */
    List<Target> rareSubtypeTargets() {
        return rareSubtypeTargets;
    }

    /** Every method whose first call fails in verify mode. */
    List<Target> targets() {
        List<Target> all = new ArrayList<>(exactTargets);
        all.addAll(wildcardTargets);
        all.addAll(rareSubtypeTargets);
        return all;
    }

    private void supertypes() {
        for (int i = 0; i < INTERFACES; i++) {
            String name = pkg(i % AREAS.size(), 0) + "." + NOUNS.get(i % NOUNS.size()) + ROLES.get(i / AREAS.size());
            types.add(new TypeSpec(name, Kind.INTERFACE, "java.lang.Object", List.of(), List.of(
                    new MethodSpec(interfaceTextVerb(i), Shape.ABSTRACT_TEXT),
                    new MethodSpec(interfaceNumberVerb(i), Shape.ABSTRACT_NUMBER),
                    new MethodSpec(interfaceTextVerb(i) + "Twice", Shape.DEFAULT_TEXT)), null));
            if (i >= INTERFACES - RARE_INTERFACES) {
                rareSupertypes.add(new Target(name, interfaceTextVerb(i)));
            }
        }
        for (int j = 0; j < ABSTRACTS; j++) {
            String name = pkg(j % AREAS.size(), LAYERS.indexOf("support")) + ".Abstract" + NOUNS.get(j * 7 % NOUNS.size())
                    + (j < AREAS.size() ? "Processor" : "Exporter");
            List<MethodSpec> methods = new ArrayList<>(List.of(new MethodSpec(abstractVerb(j), Shape.ABSTRACT_TEXT),
                    new MethodSpec("run", Shape.TEMPLATE), new MethodSpec("describe", Shape.TEXT)));
            List<String> interfaces = List.of();
            boolean rare = j >= ABSTRACTS - RARE_ABSTRACTS;
            if (j % 2 == 0 && !rare) { // half of the common ones implement a common interface themselves
                int iface = j * 3 % (INTERFACES - RARE_INTERFACES);
                interfaces = List.of(types.get(iface).name());
                methods.add(new MethodSpec(interfaceTextVerb(iface), Shape.TEXT));
                methods.add(new MethodSpec(interfaceNumberVerb(iface), Shape.NUMBER));
            }
            types.add(new TypeSpec(name, Kind.ABSTRACT, "java.lang.Object", interfaces, methods, null));
            if (rare) {
                rareSupertypes.add(new Target(name, abstractVerb(j)));
            }
        }
    }

    private void concreteClasses(int classCount) {
        int implementers = 0;
        int extenders = 0;
        Set<String> exactAreas = new HashSet<>();
        Set<String> wildcardAreas = new HashSet<>();
        for (int c = 0; types.size() < classCount; c++) {
            int packageIndex = c % (AREAS.size() * LAYERS.size());
            int area = packageIndex / LAYERS.size();
            int layer = packageIndex % LAYERS.size();
            int k = c / (AREAS.size() * LAYERS.size());
            String simple = QUALIFIERS.get(k / NOUNS.size() % QUALIFIERS.size()) + NOUNS.get(k % NOUNS.size())
                    + SUFFIXES.get(layer) + (k >= NOUNS.size() * QUALIFIERS.size() ? k : "");
            String name = pkg(area, layer) + "." + simple;
            int slot = (c + k) % 10;
            List<MethodSpec> methods = new ArrayList<>(List.of(new MethodSpec("getName", Shape.GETTER),
                    new MethodSpec("describe", Shape.TEXT), new MethodSpec("compute", Shape.NUMBER),
                    new MethodSpec("toString", Shape.TO_STRING)));
            if (slot < 4) {
                String areaName = AREAS.get(area);
                if (layer == LAYERS.indexOf("client") && exactAreas.add(areaName)) {
                    methods.add(target(exactTargets, name, "fetch"));
                } else if (layer == LAYERS.indexOf("service") && simple.startsWith("Remote") && wildcardAreas.add(areaName)) {
                    methods.add(target(wildcardTargets, name, "sync"));
                }
                types.add(new TypeSpec(name, Kind.PLAIN, "java.lang.Object", List.of(), methods, null));
            } else if (slot < 7) {
                int n = implementers++;
                int iface = n % 1500 < RARE_INTERFACES ? INTERFACES - RARE_INTERFACES + n % 1500
                        : n % (INTERFACES - RARE_INTERFACES);
                boolean rare = iface >= INTERFACES - RARE_INTERFACES;
                methods.add(rare ? target(rareSubtypeTargets, name, interfaceTextVerb(iface))
                        : new MethodSpec(interfaceTextVerb(iface), Shape.TEXT));
                methods.add(new MethodSpec(interfaceNumberVerb(iface), Shape.NUMBER));
                types.add(new TypeSpec(name, Kind.IMPLEMENTS, "java.lang.Object", List.of(types.get(iface).name()),
                        methods, null));
            } else if (slot < 9) {
                int n = extenders++;
                int base = n % 1800 < RARE_ABSTRACTS ? ABSTRACTS - RARE_ABSTRACTS + n % 1800
                        : n % (ABSTRACTS - RARE_ABSTRACTS);
                boolean rare = base >= ABSTRACTS - RARE_ABSTRACTS;
                methods.add(rare ? target(rareSubtypeTargets, name, abstractVerb(base))
                        : new MethodSpec(abstractVerb(base), Shape.TEXT));
                types.add(new TypeSpec(name, Kind.EXTENDS, types.get(INTERFACES + base).name(), List.of(), methods, null));
            } else {
                String nested = name + "$Builder";
                types.add(new TypeSpec(name, Kind.OUTER, "java.lang.Object", List.of(), methods, nested));
                if (types.size() < classCount) {
                    types.add(new TypeSpec(nested, Kind.NESTED, "java.lang.Object", List.of(), List.of(
                            new MethodSpec("build", Shape.FACTORY), new MethodSpec("describe", Shape.TEXT)), name));
                }
            }
        }
    }

    private static MethodSpec target(List<Target> list, String className, String method) {
        list.add(new Target(className, method));
        return new MethodSpec(method, Shape.FLAKY);
    }

    static String pkg(int area, int layer) {
        return ROOT + "." + AREAS.get(area) + "." + LAYERS.get(layer);
    }

    private static String interfaceTextVerb(int i) {
        return TEXT_VERBS.get(i % TEXT_VERBS.size()) + NOUNS.get(i % NOUNS.size());
    }

    private static String interfaceNumberVerb(int i) {
        return NUMBER_VERBS.get(i % NUMBER_VERBS.size()) + NOUNS.get(i % NOUNS.size());
    }

    private static String abstractVerb(int j) {
        String verb = TEXT_VERBS.get(j % TEXT_VERBS.size());
        return "do" + verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1);
    }
}
