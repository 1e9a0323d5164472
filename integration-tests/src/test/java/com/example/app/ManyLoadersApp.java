package com.example.app;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Defines {@link JitTarget} in N class loaders of its own, one after the other, so that the agent's
 * per-class code (matching and weaving) runs N times, as it does while a large application starts, then
 * calls the last copy.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.app.ManyLoadersApp N [await-directives]
 * </pre>
 *
 * With {@code await-directives} it first waits (up to 30 s) until HotSpot's compiler directives name the
 * agent's weaver, which the agent adds beside {@code main}. Prints {@code LOADING FROM uptimeMs=...} (the
 * JVM's uptime, the clock of {@code -XX:+PrintCompilation}) and then {@code RESULT copies=N value=...}.
 */
public final class ManyLoadersApp {
    private ManyLoadersApp() {
    }

    public static void main(String[] args) throws Exception {
        int copies = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("await-directives")) {
            awaitDirectives();
        }
        System.out.println("LOADING FROM uptimeMs=" + ManagementFactory.getRuntimeMXBean().getUptime());
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

    private static void awaitDirectives() throws Exception {
        ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object printed = ManagementFactory.getPlatformMBeanServer()
                    .invoke(commands, "compilerDirectivesPrint", new Object[0], new String[0]);
            if (String.valueOf(printed).contains("io/resilienceagent/weaving/*.*")) {
                System.out.println("DIRECTIVES SEEN");
                return;
            }
            Thread.sleep(5);
        }
        System.out.println("DIRECTIVES NOT SEEN");
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
