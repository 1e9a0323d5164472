package com.example.redeploy;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RedeployApp DIR WARM_UP LOADERS}: an application server redeploying a plugin. Loads
 * {@link Plugin} from DIR in WARM_UP fresh class loaders, settles the heap, then in LOADERS more, and
 * settles it again (each time after the loaders are collected and one more copy is deployed); prints
 * {@code REDEPLOY loaders=N protected=P collected=C heapGrowth=BYTES}: how many copies were retried
 * (woven), how many of all the loaders were garbage-collected, and how much the live heap grew over
 * the LOADERS redeployments.
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

    /** The live heap after full collections, once two in a row agree to within 1 KB. */
    private static long settledHeap() throws InterruptedException {
        long previous = -1;
        for (int round = 0; round < 20; round++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) < 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
