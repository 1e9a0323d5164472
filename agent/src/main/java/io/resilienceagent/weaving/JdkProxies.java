package io.resilienceagent.weaving;

import io.resilienceagent.log.AgentLog;

/**
 * The JDK's dynamic proxies ({@code java.lang.reflect.Proxy}, what Feign and Retrofit make of a client
 * interface) are never woven: their methods only hand each call to an invocation handler. A pattern that
 * names such an interface then covers nothing, so a proxy implementing one gets a WARN line saying what
 * to name instead, rather than leaving the calls silently unprotected. (Spring's JDK proxies hand calls
 * to a bean, whose class the same patterns cover: no line for those.)
 */
final class JdkProxies {
    private JdkProxies() {
    }

    /** Whether {@code internalName} is one the JDK gives a proxy class ({@code jdk/proxy2/$Proxy12}, {@code pkg/$Proxy3}). */
    static boolean isProxyName(String internalName) {
        return internalName.indexOf("$Proxy") >= 0
                && (internalName.startsWith("$Proxy") || internalName.contains("/$Proxy"));
    }

    /** One WARN line for each interface of the proxy class {@code classFile} that a pattern names. */
    static void warnIfNamed(MethodSelector selector, String internalName, byte[] classFile) {
        ClassHeader header = ClassHeader.parse(classFile).orElse(null);
        if (header == null || GeneratedProxies.implementsProxyInterface(header.interfaces())) {
            return;
        }
        for (String implemented : header.interfaces()) {
            if (selector.namesType(implemented)) {
                AgentLog.warn(implemented.replace('/', '.') + " is implemented by " + internalName.replace('/', '.')
                        + ", a java.lang.reflect.Proxy (as Feign and Retrofit make), which the agent does not weave: calls "
                        + "through it run unprotected; protect the application's method that calls it");
            }
        }
    }
}
