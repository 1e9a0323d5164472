package io.resilienceagent.weaving;

import java.util.ArrayList;
import java.util.List;

/**
 * Classes that frameworks generate around an application's own (Spring's CGLIB proxies, Hibernate's
 * lazy-loading proxies, Mockito's mocks, Weld's and Quarkus's client proxies and interception subclasses,
 * Guice's, javassist's, Byte Buddy's): never woven. A proxy hands each call to its target, whose own
 * class the same patterns cover, so weaving the proxy too adds a second layer of protection around
 * the first, which multiplies attempts wherever the proxy hands the call to another thread
 * ({@code @Async}), and would guard the proxy's own plumbing ({@code CGLIB$...}, {@code hashCode},
 * {@code Advised}) with the breaker. Known by a name the generator gives it, else by an interface it
 * implements; both are looked at only for a class the patterns cover, not on the path every class takes.
 */
final class GeneratedProxies {
    /** Parts of generated class names, none of which a compiler gives a class. */
    private static final List<String> NAME_MARKS = List.of("$$SpringCGLIB$$", "$$EnhancerBy", "$$FastClassBy",
            "$HibernateProxy$", "$MockitoMock$", "$ByteBuddy$", "_$$_Weld", "_$$_jvst", "_$$_javassist");
    /** Interfaces that generated proxies implement and application classes do not. */
    private static final List<String> PROXY_INTERFACES = List.of("org/springframework/aop/SpringProxy",
            "org/springframework/cglib/proxy/Factory", "net/sf/cglib/proxy/Factory", "org/hibernate/proxy/HibernateProxy",
            "org/hibernate/proxy/ProxyConfiguration", "javassist/util/proxy/ProxyObject", "org/jboss/weld/proxy/WeldConstruct",
            "org/jboss/weld/bean/proxy/ProxyObject", "io/quarkus/arc/Subclass", "io/quarkus/arc/ClientProxy",
            "io/micronaut/aop/Intercepted", "org/mockito/internal/creation/bytebuddy/MockAccess");

    private GeneratedProxies() {
    }

    /** Whether {@code internalName} is one a proxy generator gives. */
    static boolean isProxyName(String internalName) {
        if (internalName.indexOf('$') < 0) {
            return false;
        }
        for (String mark : NAME_MARKS) {
            if (internalName.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class {@code internalName} with class file {@code classFile} is a generated proxy. */
    static boolean isProxy(String internalName, byte[] classFile) {
        if (isProxyName(internalName)) {
            return true;
        }
        ClassHeader header = ClassHeader.parse(classFile).orElse(null); // no lambda: this may run before main
        return header != null && implementsProxyInterface(header.interfaces());
    }

    /** The same for a loaded class, by its name and the interfaces it implements directly. */
    static boolean isProxy(Class<?> type) {
        if (isProxyName(type.getName().replace('.', '/'))) {
            return true;
        }
        List<String> interfaces = new ArrayList<>();
        for (Class<?> implemented : type.getInterfaces()) {
            interfaces.add(implemented.getName().replace('.', '/'));
        }
        return implementsProxyInterface(interfaces);
    }

    /** Whether a class implementing {@code interfaces} directly is a generated proxy. */
    static boolean implementsProxyInterface(List<String> interfaces) {
        for (String implemented : interfaces) {
            if (PROXY_INTERFACES.contains(implemented)) {
                return true;
            }
        }
        return false;
    }
}
