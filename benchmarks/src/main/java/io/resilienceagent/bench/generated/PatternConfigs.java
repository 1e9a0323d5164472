package io.resilienceagent.bench.generated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent configs of the generated application. The small one names two methods exactly, like a
 * typical deployment. The large one is what a big organisation's shared config looks like: mostly exact
 * {@code pkg.Class.method} names, few of which exist in this application (in its own packages and in
 * others), some {@code *} wildcards, some parameter lists, library types that are not on the class path,
 * stale names of classes that exist but no longer have the method, and methods of rarely implemented
 * interfaces and abstract classes, so that the agent must look at every class's supertypes. A third has
 * as many patterns as the large one, all exact names, none of an interface or abstract class of the app.
 * A fourth is the small one and a single wildcard: what one wildcard costs.
 */
final class PatternConfigs {
    private static final List<String> OTHER_NOUNS = List.of("Warehouse", "Carrier", "Tax", "Currency", "Supplier",
            "Contract", "Shipment", "Vendor", "Quota", "Forecast", "Pricing", "Loyalty", "Voucher", "Subscription",
            "Tenant", "Workflow", "Approval", "Dispatch", "Manifest", "Claim");
    private static final List<String> VERBS = List.of("call", "execute", "send", "get", "post", "invoke", "query",
            "submit", "upload", "download");
    private static final List<String> VENDORS = List.of("globex", "initech", "umbrella", "hooli", "stark", "wonka");
    private static final List<String> PRODUCTS = List.of("sdk", "client", "api", "connect");
    private static final List<String> LIBRARY_METHODS = List.of(
            "org.apache.hc.client5.http.classic.HttpClient.execute", "okhttp3.Call.execute", "feign.Client.execute",
            "org.springframework.web.client.RestOperations.exchange", "com.anthropic.services.blocking.MessageService.create",
            "software.amazon.awssdk.core.client.handler.SyncClientHandler.execute", "io.grpc.stub.AbstractBlockingStub.withDeadline",
            "redis.clients.jedis.Jedis.get", "org.apache.kafka.clients.producer.Producer.send",
            "com.mongodb.client.MongoCollection.find", "javax.jms.MessageProducer.send", "retrofit2.Call.execute");

    /**
     * A config: how tables name it, its file name, its YAML text, the methods of {@link AppLayout#targets()}
     * it covers, what it holds, and the target CPU per 1,000 loaded classes for it (NaN: none).
     */
    record Config(String label, String file, int patterns, String yaml, Set<String> coveredTargets, String mix,
            double targetMillis) {
    }

    /** The targets, CPU per 1,000 loaded classes: 2 patterns and 500. */
    private static final double SMALL_TARGET_MILLIS = 3;
    private static final double LARGE_TARGET_MILLIS = 6;

    private PatternConfigs() {
    }

    /** Two exact names of generated methods (the orders and payments clients' {@code fetch}). */
    static Config small(AppLayout layout) {
        Set<String> covered = new LinkedHashSet<>();
        Map<String, String> methods = smallMethods(layout, covered);
        return new Config(methods.size() + " patterns", "patterns-" + methods.size() + ".yaml", methods.size(),
                yaml(methods), covered, "2 exact names of generated methods", SMALL_TARGET_MILLIS);
    }

    /**
     * The small config and one wildcard that matches no class here: what a single wildcard pattern costs,
     * for with one, any class could inherit a mapping, so the agent reads every class file. No target.
     */
    static Config smallWithWildcard(AppLayout layout) {
        Set<String> covered = new LinkedHashSet<>();
        Map<String, String> methods = smallMethods(layout, covered);
        String wildcard = "com.partner.*.client.*Client.call";
        methods.put(wildcard, methods.values().iterator().next());
        return new Config("2 patterns and 1 wildcard", "patterns-2-wildcard.yaml", methods.size(), yaml(methods),
                covered, "the 2 exact names, and one wildcard for a partner SDK's clients (`" + wildcard
                        + "`) that matches no class here, so that every class file is read (does the class declare a method "
                        + "named `call`?)", Double.NaN);
    }

    /** The small config's pattern to service map: the orders and payments clients' {@code fetch}, added to {@code covered}. */
    private static Map<String, String> smallMethods(AppLayout layout, Set<String> covered) {
        Map<String, String> methods = new LinkedHashMap<>();
        for (AppLayout.Target target : layout.exactTargets()) {
            if (target.className().contains(".orders.") || target.className().contains(".payments.")) {
                methods.put(target.className() + "." + target.method(), serviceOf(target.className()));
                covered.add(target.key());
            }
        }
        return methods;
    }

    /** {@code count} patterns (at least about 100), covering every target of the layout. */
    static Config large(AppLayout layout, int count) {
        return large(layout, count, true);
    }

    /**
     * {@code count} patterns as in {@link #large(AppLayout, int)} less every pattern with a wildcard or naming
     * one of the app's interfaces and abstract classes: no class could inherit a mapping, so no class's
     * supertypes need reading. Covers the exactly named targets only. Tells the cost of the number of
     * patterns from the cost of their kinds.
     */
    static Config exactOnly(AppLayout layout, int count) {
        return large(layout, count, false);
    }

    private static Config large(AppLayout layout, int count, boolean inheritable) {
        Map<String, String> methods = new LinkedHashMap<>();
        List<String> services = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            services.add(AppLayout.AREAS.get(i % 10) + "_" + List.of("http", "grpc", "db").get(i / 10));
        }
        Set<String> covered = new LinkedHashSet<>();
        for (AppLayout.Target target : layout.exactTargets()) {
            methods.put(target.className() + "." + target.method(), null);
            covered.add(target.key());
        }
        if (inheritable) {
            methods.put(AppLayout.ROOT + ".*.service.Remote*Service.sync", null);
            layout.wildcardTargets().forEach(t -> covered.add(t.key()));
            layout.rareSupertypes().forEach(t -> methods.put(t.className() + "." + t.method(), null));
            layout.rareSubtypeTargets().forEach(t -> covered.add(t.key()));
        }
        int named = methods.size();
        List<TypeSpec> types = layout.types();
        for (int i = 0; i < 20; i++) { // stale: the class exists, the method no longer does
            methods.put(types.get(AppLayout.INTERFACES + AppLayout.ABSTRACTS + i * 997 % (types.size() - 60)).name()
                    + ".legacyInvoke", null);
        }
        LIBRARY_METHODS.forEach(m -> methods.put(m, null));
        for (int a = 0; a < AppLayout.AREAS.size(); a++) {
            String area = AppLayout.AREAS.get(a);
            if (inheritable) {
                methods.put(AppLayout.ROOT + "." + area + ".legacy.*Dao.find*", null);
                methods.put(AppLayout.pkg(a, AppLayout.LAYERS.indexOf("client")) + ".*Stub.fetch", null);
            }
            methods.put(AppLayout.ROOT + "." + area + ".gateway." + OTHER_NOUNS.get(a) + "Gateway.send(java.lang.String,int)", null);
        }
        if (inheritable) {
            for (int n = 1; n <= 5; n++) {
                methods.put("com.partner" + n + ".*.client.*Client.call", null);
            }
            for (String glob : List.of("org.example.*.Http*.send", "io.vendor.sdk.*.*Api.invoke*", AppLayout.ROOT
                    + ".*.gateway.*Gateway.post*", "net.supplier.*.*Connector.exchange", AppLayout.ROOT + ".*.batch.*Importer.run")) {
                methods.put(glob, null);
            }
        }
        int others = methods.size() - named;
        for (int i = 0; methods.size() < count; i++) { // exact names of classes that are not there
            String noun = OTHER_NOUNS.get(i % OTHER_NOUNS.size());
            String verb = VERBS.get(i / 3 % VERBS.size());
            if (i % 2 == 0) {
                int layer = i / 7 % AppLayout.LAYERS.size();
                methods.put(AppLayout.pkg(i / 11 % AppLayout.AREAS.size(), layer) + "." + noun
                        + AppLayout.NOUNS.get(i / 20 % AppLayout.NOUNS.size()) + "Client." + verb, null);
            } else {
                methods.put("com." + VENDORS.get(i / 2 % VENDORS.size()) + "." + PRODUCTS.get(i / 5 % PRODUCTS.size()) + "."
                        + noun + "Client" + (i / 40) + "." + verb, null);
            }
        }
        int i = 0;
        for (Map.Entry<String, String> entry : methods.entrySet()) {
            entry.setValue(services.get(i++ % services.size()));
        }
        String mix = inheritable
                ? String.format("%d exact names of generated methods, 1 wildcard covering %d more, %d names of "
                        + "rarely implemented interfaces and abstract classes (%d implementations); %d others that match "
                        + "no generated method (stale names of existing classes, library types, wildcards, parameter "
                        + "lists); %d exact names of absent classes, half in the app's own packages",
                        layout.exactTargets().size(), layout.wildcardTargets().size(), layout.rareSupertypes().size(),
                        layout.rareSubtypeTargets().size(), others, methods.size() - named - others)
                : String.format("the same less its wildcards and its names of the app's interfaces and abstract classes: %d exact "
                        + "names of generated methods; %d others that match no generated method (stale names of existing "
                        + "classes, library types, parameter lists); %d exact names of absent classes",
                        layout.exactTargets().size(), others, methods.size() - named - others);
        String label = count + (inheritable ? " patterns" : " patterns, exact names only");
        String file = "patterns-" + count + (inheritable ? "" : "-exact") + ".yaml";
        return new Config(label, file, methods.size(), yaml(methods), covered, mix, LARGE_TARGET_MILLIS);
    }

    private static String serviceOf(String className) {
        return className.split("\\.")[2] + "_http";
    }

    private static String yaml(Map<String, String> methods) {
        StringBuilder yaml = new StringBuilder("# Written by the large-application start-up measurement.\n");
        yaml.append("defaults:\n  retry: { maxAttempts: 3, minWait: 0ms, maxWait: 0ms }\nservices:\n");
        for (String service : new LinkedHashSet<>(methods.values())) {
            yaml.append("  ").append(service).append(": {}\n");
        }
        yaml.append("methods:\n");
        for (Map.Entry<String, String> entry : methods.entrySet()) {
            yaml.append("  \"").append(entry.getKey()).append("\": ").append(entry.getValue()).append('\n');
        }
        return yaml.toString();
    }
}
