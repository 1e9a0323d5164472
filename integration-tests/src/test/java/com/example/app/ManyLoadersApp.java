package com.example.app;

import java.io.InputStream;
import java.lang.management.ManagementFactory;

/**
 * Defines {@link JitTarget} in N class loaders of its own, one after the other, so that the agent's
 * per-class code (matching and weaving) runs N times, as it does while a large application starts, then
 * calls the last copy.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.app.ManyLoadersApp N
 * </pre>
 *
 * Prints {@code MAIN STARTED uptimeMs=...} (the JVM's uptime, the clock of {@code -XX:+PrintCompilation})
 * and then {@code RESULT copies=N value=... attempts=...}.
 */
public final class ManyLoadersApp {
    private ManyLoadersApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED uptimeMs=" + ManagementFactory.getRuntimeMXBean().getUptime());
        int copies = Integer.parseInt(args[0]);
        byte[] classFile;
        try (InputStream in = ManyLoadersApp.class.getResourceAsStream("JitTarget.class")) {
            classFile = in.readAllBytes();
        }
        Class<?> last = null;
        for (int i = 0; i < copies; i++) {
            last = new OwnCopy(classFile).loadClass(JitTarget.class.getName());
        }
        Object value = last.getMethod("call").invoke(null);
        System.out.println("RESULT copies=" + copies + " value=" + value + " attempts=" + last.getMethod("attempts").invoke(null)
                + " ownLoader=" + (last.getClassLoader() instanceof OwnCopy));
    }

    /** Defines its own copy of the target class; asks its parent for everything else. */
    private static final class OwnCopy extends ClassLoader {
        private final byte[] classFile;

        OwnCopy(byte[] classFile) {
            super(ManyLoadersApp.class.getClassLoader());
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(JitTarget.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
            }
        }
    }
}
