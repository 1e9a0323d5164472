package com.example.redeploy;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * {@code RedeployApp DIR WARM_UP LOADERS agent|none}: an application server redeploying a plugin. Loads
 * {@link Plugin} from DIR in WARM_UP fresh class loaders, counts the live heap, then in LOADERS more, and
 * counts it again (each time after the loaders are collected and one more copy is deployed); prints
 * {@code REDEPLOY loaders=N protected=P collected=C heapGrowth=BYTES}: how many copies were retried
 * (woven), how many of all the loaders were garbage-collected, and how much the live heap grew over
 * the LOADERS redeployments. Before the first count, the platform MBean server is started and, under
 * the agent, its MXBeans are registered (a second after start-up), so that neither falls inside the
 * measured window: they are a few hundred kilobytes, kept once, not per loader.
 */
public final class RedeployApp {
    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private RedeployApp() {
    }

    public static void main(String[] args) throws Exception {
        URL classes = Path.of(args[0]).toUri().toURL();
        int warmUp = Integer.parseInt(args[1]);
        int loaders = Integer.parseInt(args[2]);
        deploy(classes, warmUp);
        awaitManagement(args[3].equals("agent"));
        long before = settledHeapAfterCollection(classes);
        int retried = deploy(classes, loaders);
        long after = settledHeapAfterCollection(classes);
        int collected = 0;
        for (WeakReference<ClassLoader> loader : LOADERS) {
            collected += loader.get() == null ? 1 : 0;
        }
        System.out.println("REDEPLOY loaders=" + loaders + " protected=" + retried + " collected=" + collected + "/"
                + LOADERS.size() + " heapGrowth=" + (after - before));
    }

    /**
     * Starts the platform MBean server (the live-heap counts use it); under the agent, waits until the
     * agent has registered its MXBean.
     */
    private static void awaitManagement(boolean underAgent) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (!underAgent) {
            return;
        }
        ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");
        CountDownLatch registered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification n && n.getMBeanName().equals(agent)
                    && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(n.getType())) {
                registered.countDown();
            }
        };
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        if (!server.isRegistered(agent) && !registered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent registered no MXBean within 60 s");
        }
        server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
    }

    /** Loads and calls a fresh copy of the plugin {@code times} times; returns how many copies were retried. */
    private static int deploy(URL classes, int times) throws Exception {
        int retried = 0;
        for (int i = 0; i < times; i++) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
                Class<?> plugin = loader.loadClass(Plugin.class.getName());
                Object instance = plugin.getConstructor().newInstance();
                try {
                    plugin.getMethod("call").invoke(instance);
                    retried += plugin.getField("runs").getInt(null) == 2 ? 1 : 0;
                } catch (java.lang.reflect.InvocationTargetException unprotected) {
                    // the first run's failure reached the caller: this copy was not woven
                }
                LOADERS.add(new WeakReference<>(loader));
            }
        }
        return retried;
    }

    /**
     * The live heap once the redeployed loaders are collected and one more copy has been deployed, as an
     * application server that keeps running does: what a class loader held weakly (in the agent's maps,
     * or the JDK's) is released when the next class is loaded after the loader is collected.
     */
    private static long settledHeapAfterCollection(URL classes) throws Exception {
        settledHeap();
        deploy(classes, 1);
        return settledHeap();
    }

    /**
     * The bytes of live objects, counted by the JVM's class histogram (which collects first), once two
     * counts in a row agree to within 1 KB. Counted object by object, unlike the heap's "used" figure,
     * which moves by tens of kilobytes with how the collector left its regions.
     */
    private static long settledHeap() throws Exception {
        long previous = -1;
        for (int round = 0; round < 20; round++) {
            awaitReferenceHandler();
            long live = liveBytes();
            if (previous >= 0 && Math.abs(live - previous) < 1024) {
                return live;
            }
            previous = live;
        }
        return previous;
    }

    /**
     * Returns once the JVM's reference handler has dealt with every reference that earlier collections
     * cleared. Until then the cleared references stay reachable from the JVM's pending list: on a busy
     * machine the handler ran late, and 2,000 weak references to collected loaders (64,000 bytes) were
     * counted as live. Two rounds, because a collection puts what it clears ahead of what is still pending:
     * a sentinel is handled once everything cleared before the collection that cleared it has been.
     */
    private static void awaitReferenceHandler() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            if (queue.remove(TimeUnit.SECONDS.toMillis(30)) == null) {
                throw new IllegalStateException("the JVM's reference handler did not run within 30 s");
            }
            Reference.reachabilityFence(sentinel);
        }
    }

    private static long liveBytes() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        for (String line : histogram.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException("no Total line in the class histogram:\n" + histogram);
    }
}
