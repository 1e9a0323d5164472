package io.resilienceagent.weaving;

import io.resilienceagent.log.AgentLog;

/**
 * Lambdas and method references implementing an interface whose method a pattern names: the JVM
 * defines each as a hidden class, which it never hands to a transformer and which cannot be
 * retransformed, so the calls through it would run silently unprotected. The class that makes one is
 * seen instead (its {@code invokedynamic} call site of {@code LambdaMetafactory} names the method, its
 * erased parameter types and the interface), and the first such class of each interface gets one WARN
 * line saying what to name instead; so does a hidden class the agent finds loaded already when it is
 * attached or reloaded.
 */
final class Lambdas implements ClassHeader.FunctionalObjects {
    private static final String KIND = "lambda";
    private final MethodSelector selector;

    Lambdas(MethodSelector selector) {
        this.selector = selector;
    }

    @Override
    public void made(String className, String method, String methodDescriptor, String callSiteDescriptor) {
        int returns = callSiteDescriptor.lastIndexOf(')') + 1;
        if (returns == 0 || returns >= callSiteDescriptor.length() || callSiteDescriptor.charAt(returns) != 'L') {
            return;
        }
        String implemented = callSiteDescriptor.substring(returns + 1, callSiteDescriptor.length() - 1);
        if (selector.patternNaming(implemented, new MethodInfo(method, methodDescriptor, 0)).isPresent()
                && selector.firstUnweavableWarning(implemented, KIND)) {
            AgentLog.warn(warning(implemented, "a lambda or method reference that " + className.replace('/', '.') + " makes"));
        }
    }

    /** One WARN line for each interface of the hidden class {@code type}, loaded already, whose methods a pattern names. */
    static void warnIfNamed(MethodSelector selector, Class<?> type) {
        java.util.List<MethodInfo> methods = null; // read by reflection only for an interface a pattern names
        for (Class<?> implemented : type.getInterfaces()) {
            String name = implemented.getName().replace('.', '/');
            if (!selector.namesType(name)) {
                continue;
            }
            if (methods == null) {
                methods = MethodInfo.declaredBy(type);
            }
            if (!selector.mappingsNamingMethodOf(name, methods).isEmpty() && selector.firstUnweavableWarning(name, KIND)) {
                AgentLog.warn(warning(name, type.getName() + ", a lambda or method reference"));
            }
        }
    }

    private static String warning(String implemented, String implementation) {
        String type = implemented.replace('/', '.');
        return type + " is implemented by " + implementation + ", which the JVM defines as a hidden class the agent "
                + "cannot weave: the pattern does not protect calls through it; name the method it calls, or implement "
                + type + " in a class";
    }
}
