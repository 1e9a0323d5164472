package com.example.app;

import java.util.Comparator;

/**
 * Opens a breaker, optionally waits until the agent's MXBeans are registered, lists the JVM's threads
 * and returns from {@code main} without {@code System.exit}: the JVM must then end by itself.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.app.ThreadsApp SERVICE (jmx|no-jmx)
 * </pre>
 *
 * Prints {@code CALL n class=...} per call, {@code JMX ...} (mode {@code jmx} only: {@code no-jmx} never
 * touches the platform MBean server, nor anything that would initialise {@code java.util.logging}),
 * {@code THREAD name=... daemon=...} per live thread other than this one, and last
 * {@code MAIN DONE at=<epoch millis>}.
 */
public final class ThreadsApp {
    private ThreadsApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        String service = args[0];
        boolean jmx = args[1].equals("jmx");
        ThreadsService down = new ThreadsService();
        for (int call = 1; call <= 3; call++) {
            try {
                down.call();
                System.out.println("CALL " + call + " class=-");
            } catch (Exception e) {
                System.out.println("CALL " + call + " class=" + e.getClass().getName());
            }
        }
        if (jmx) {
            System.out.println(AgentMBeans.breakerLine(service));
        }
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != Thread.currentThread() && t.isAlive())
                .sorted(Comparator.comparing(Thread::getName))
                .forEach(t -> System.out.println("THREAD name=" + t.getName().replace(' ', '_') + " daemon=" + t.isDaemon()));
        System.out.println("MAIN DONE at=" + System.currentTimeMillis());
        System.out.flush();
    }
}
