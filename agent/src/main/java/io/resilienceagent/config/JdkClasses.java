package io.resilienceagent.config;

/**
 * The JDK's own classes, which the agent never instruments ({@code java.*}, {@code javax.*},
 * {@code jdk.*}, {@code sun.*}, {@code com.sun.*}), with one exception: the JDK's HTTP client, whose
 * {@code send} is the most common HTTP call in modern Java. The one list of these package prefixes,
 * for the config check, the class matcher and the transformer.
 */
public final class JdkClasses {
    /** The class a pattern may name to protect the JDK's HTTP client. */
    public static final String HTTP_CLIENT = "java.net.http.HttpClient";
    /** The methods of {@link #HTTP_CLIENT} a pattern may name. */
    public static final String HTTP_CLIENT_SEND = "send";

    private static final String[] PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
    private static final String[] INTERNAL_PACKAGES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};
    /** {@link #HTTP_CLIENT} and the JDK's implementations of it, internal names. */
    private static final String[] HTTP_CLIENT_CLASSES = {"java/net/http/HttpClient",
            "jdk/internal/net/http/HttpClientImpl", "jdk/internal/net/http/HttpClientFacade"};

    private JdkClasses() {
    }

    /** Whether the class or package {@code binaryName} (with dots) is the JDK's. */
    public static boolean isJdk(String binaryName) {
        return startsWithAny(binaryName, PACKAGES);
    }

    /** Whether the class {@code internalName} (with slashes) is the JDK's. */
    public static boolean isJdkInternalName(String internalName) {
        return startsWithAny(internalName, INTERNAL_PACKAGES);
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

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
