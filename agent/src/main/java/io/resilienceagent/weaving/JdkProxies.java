package io.resilienceagent.weaving;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.log.AgentLog;
import java.util.List;

/**
 * The JDK's dynamic proxies ({@code java.lang.reflect.Proxy}, what Feign and Retrofit make of a client
 * interface, and Spring of its HTTP interface clients and repositories) are never woven: their methods
 * only hand each call to an invocation handler. A pattern that names such an interface's method then
 * covers nothing, so the first proxy class implementing it gets one WARN line saying what to name
 * instead, rather than the calls running silently unprotected. A Spring proxy (one implementing
 * {@code SpringProxy}) of a bean hands calls to the bean, whose class the same patterns cover and which
 * is woven before its proxy is made: no line while some class the pattern covers was woven.
 */
final class JdkProxies {
    private static final String SPRING_PROXY = "org/springframework/aop/SpringProxy";

    private JdkProxies() {
    }

    /** Whether {@code internalName} is one the JDK gives a proxy class ({@code jdk/proxy2/$Proxy12}, {@code pkg/$Proxy3}). */
    static boolean isProxyName(String internalName) {
        return internalName.indexOf("$Proxy") >= 0
                && (internalName.startsWith("$Proxy") || internalName.contains("/$Proxy"));
    }

    /** Whether some class one of {@code mappings} covers was woven (a loop: this may run before main, where the agent spins no lambda). */
    private static boolean anyMatched(MethodSelector selector, List<MethodMapping> mappings) {
        for (MethodMapping mapping : mappings) {
            if (selector.hasMatched(mapping)) {
                return true;
            }
        }
        return false;
    }

    /** At most one WARN line for each interface of the proxy class {@code classFile} whose methods a pattern names. */
    static void warnIfNamed(MethodSelector selector, String internalName, byte[] classFile) {
        ClassHeader header = ClassHeader.parse(classFile).orElse(null);
        if (header != null) {
            warnIfNamed(selector, internalName, header.interfaces(), new ClassFileMethods(classFile));
        }
    }

    /**
     * The same for a proxy class loaded before the agent or a reload (attached to a running application),
     * whose interfaces and methods are read by reflection.
     */
    static void warnIfNamed(MethodSelector selector, Class<?> proxy) {
        List<String> interfaces = new java.util.ArrayList<>();
        for (Class<?> implemented : proxy.getInterfaces()) {
            interfaces.add(implemented.getName().replace('.', '/'));
        }
        warnIfNamed(selector, proxy.getName().replace('.', '/'), interfaces, new DeclaredMethods(proxy));
    }

    private static void warnIfNamed(MethodSelector selector, String internalName, List<String> interfaces, Methods declared) {
        boolean spring = interfaces.contains(SPRING_PROXY);
        List<MethodInfo> methods = null;
        for (String implemented : interfaces) {
            if (implemented.startsWith("java/") || implemented.startsWith("org/springframework/") || !selector.namesType(implemented)) {
                continue;
            }
            if (methods == null) {
                methods = declared.methods();
            }
            List<MethodMapping> naming = selector.mappingsNamingMethodOf(implemented, methods);
            if (naming.isEmpty() || spring && anyMatched(selector, naming)) {
                continue;
            }
            if (selector.firstUnweavableWarning(implemented, "proxy")) {
                AgentLog.warn(implemented.replace('/', '.') + " is implemented by " + internalName.replace('/', '.')
                        + ", a java.lang.reflect.Proxy (as Feign, Retrofit and Spring's HTTP interface clients and "
                        + "repositories make), which the agent does not weave: calls through it run unprotected; protect "
                        + "the application's method that calls it");
            }
        }
    }

    /** A class's declared methods, listed only once an interface needs them. */
    interface Methods {
        List<MethodInfo> methods();
    }

    /** From a class file. */
    private record ClassFileMethods(byte[] classFile) implements Methods {
        @Override
        public List<MethodInfo> methods() {
            return ClassHeader.methods(classFile);
        }
    }

    /** From a loaded class, by reflection. */
    private record DeclaredMethods(Class<?> type) implements Methods {
        @Override
        public List<MethodInfo> methods() {
            return MethodInfo.declaredBy(type);
        }
    }
}
