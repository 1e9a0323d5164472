package io.resilienceagent.config;

import java.util.HashSet;
import java.util.Set;

/**
 * The JDK's own classes, which the agent never instruments, with one exception: the JDK's HTTP
 * client, whose {@code send} is the most common HTTP call in modern Java. A class is the JDK's when its
 * package belongs to one of the JDK's modules ({@code java.*} and {@code jdk.*} modules of the boot
 * layer): that takes in {@code java.*}, {@code jdk.*}, {@code sun.*} and the JDK's own {@code javax.*}
 * and {@code com.sun.*} packages ({@code javax.net}, {@code com.sun.net.httpserver}), but not the
 * libraries that use those prefixes ({@code javax.jms}, {@code javax.servlet}, {@code com.sun.jersey}).
 * The one place that tells, for the config check, the class matcher and the transformer.
 */
public final class JdkClasses {
    /** The class a pattern may name to protect the JDK's HTTP client. */
    public static final String HTTP_CLIENT = "java.net.http.HttpClient";
    /** The methods of {@link #HTTP_CLIENT} a pattern may name: {@code send} and (async) {@code sendAsync}. */
    public static final String HTTP_CLIENT_SEND = "send";
    public static final String HTTP_CLIENT_SEND_ASYNC = "sendAsync";

    /** Prefixes under which the JDK has packages (internal form); only names under them need a closer look. */
    private static final String[] PREFIXES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};
    /** {@link #HTTP_CLIENT} and the JDK's implementations of it, internal names. */
    private static final String[] HTTP_CLIENT_CLASSES = {"java/net/http/HttpClient",
            "jdk/internal/net/http/HttpClientImpl", "jdk/internal/net/http/HttpClientFacade"};

    private JdkClasses() {
    }

    /** Whether the class {@code internalName} (with slashes) is the JDK's. */
    public static boolean isJdkInternalName(String internalName) {
        if (internalName.startsWith("java/")) {
            return true; // only the JDK may define classes in java.*
        }
        if (!startsWithAny(internalName)) {
            return false;
        }
        int lastSlash = internalName.lastIndexOf('/');
        return lastSlash > 0 && JdkPackages.ALL.contains(internalName.substring(0, lastSlash));
    }

    /** Whether the class {@code binaryName} (with dots) is the JDK's. */
    public static boolean isJdk(String binaryName) {
        return isJdkInternalName(binaryName.replace('.', '/'));
    }

    /** Whether {@code internalName} is the JDK's HTTP client or one of its implementations. */
    public static boolean isHttpClient(String internalName) {
        for (String name : HTTP_CLIENT_CLASSES) {
            if (name.equals(internalName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String internalName) {
        for (String prefix : PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The packages of the JDK's modules, internal form, built on first need; in a class of their own so
     * that building them stays out of the code the JIT compiles for every loaded class.
     */
    private static final class JdkPackages {
        static final Set<String> ALL = build();

        private static Set<String> build() {
            Set<String> packages = new HashSet<>();
            for (Module module : ModuleLayer.boot().modules()) {
                String name = module.getName();
                if (name.startsWith("java.") || name.startsWith("jdk.")) {
                    for (String pkg : module.getPackages()) {
                        packages.add(pkg.replace('.', '/'));
                    }
                }
            }
            return packages;
        }
    }
}
