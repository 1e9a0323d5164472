package io.resilienceagent.policy;

/**
 * The few JDK calls the engine makes on a protected call that a security manager (Java 17 to 23) may
 * deny, since the application's frames are on the stack: made again with the agent jar's own
 * permissions (a policy grants it {@code AllPermission}) only when one is denied, so that nothing
 * changes on the path of an application without a security manager.
 */
final class Privileged {
    private Privileged() {
    }

    /** {@code type}'s class loader. */
    static ClassLoader loaderOf(Class<?> type) {
        try {
            return type.getClassLoader();
        } catch (SecurityException denied) {
            return run(new java.security.PrivilegedAction<ClassLoader>() {
                @Override
                public ClassLoader run() {
                    return type.getClassLoader();
                }
            });
        }
    }

    /** The current thread's context class loader. */
    static ClassLoader contextLoader() {
        try {
            return Thread.currentThread().getContextClassLoader();
        } catch (SecurityException denied) {
            return run(new java.security.PrivilegedAction<ClassLoader>() {
                @Override
                public ClassLoader run() {
                    return Thread.currentThread().getContextClassLoader();
                }
            });
        }
    }

    /** {@code action}, with the agent's own permissions. */
    @SuppressWarnings("removal") // AccessController goes with the security manager
    static <T> T run(java.security.PrivilegedAction<T> action) {
        return java.security.AccessController.doPrivileged(action);
    }
}
