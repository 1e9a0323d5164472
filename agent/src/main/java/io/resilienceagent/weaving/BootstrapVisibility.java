package io.resilienceagent.weaving;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.log.AgentLog;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a class loader sees the agent's bootstrap classes, which woven code calls. Most loaders ask
 * their parent first and so reach the bootstrap class loader; a module system's need not: an OSGi
 * bundle's loader delegates only {@code java.*} and the packages of {@code org.osgi.framework.bootdelegation},
 * a JBoss Modules loader only those of {@code jboss.modules.system.pkgs}. A method woven in a loader
 * that does not see them would fail at its first call with {@code NoClassDefFoundError}, so such a
 * class is left as it is, with a WARN line naming the fix ({@link LoaderDelegation} makes the common
 * module systems' loaders see them). Asked by loading the {@code Dispatcher} through the loader, which
 * the woven code's first call would do anyway, until the loader answers yes; those are held weakly. A load that
 * succeeds makes the loader an initiating loader of the class, which the JVM then finds without asking
 * the loader again: so the woven code links even where the loader would refuse the same request from
 * the class's own code (OSGi frameworks delegate to the parent a request from outside a bundle's code).
 */
final class BootstrapVisibility {
    private static final String PACKAGE = "io.resilienceagent.bootstrap";
    /** Loaders that answered with the {@code Dispatcher}; guarded by this. */
    private final List<WeakReference<ClassLoader>> seeing = new ArrayList<>();

    /**
     * Whether the woven code of a class of {@code loader} can link against the {@code Dispatcher}. A no is
     * not kept: a module system's loader that answers no while the agent is being attached answers yes
     * once its class is woven ({@link LoaderDelegation}), and asking again costs a failed lookup only for
     * a covered class of a loader that does not see the agent.
     */
    boolean sees(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader()) {
            return true; // the JDK's own loaders delegate to the bootstrap class loader
        }
        synchronized (this) {
            for (int i = seeing.size() - 1; i >= 0; i--) {
                ClassLoader known = seeing.get(i).get();
                if (known == loader) {
                    return true;
                }
                if (known == null) {
                    seeing.remove(i);
                }
            }
        }
        // asked outside the lock: loading through an application's loader runs its code
        if (!loads(loader)) {
            return false;
        }
        synchronized (this) {
            seeing.add(new WeakReference<>(loader));
        }
        return true;
    }

    private static boolean loads(ClassLoader loader) {
        try {
            return Class.forName(Dispatcher.class.getName(), false, loader) == Dispatcher.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            AgentLog.debug("Class loader " + loader.getClass().getName() + " does not see " + PACKAGE + ": " + e);
            return false;
        }
    }

    /** Why a method of a class of {@code loader} runs unprotected, and what to do about it. */
    static String reason(ClassLoader loader) {
        return "its class loader (" + loader.getClass().getName() + ") does not see the agent's package " + PACKAGE
                + ", which woven code calls, so the woven method would fail with NoClassDefFoundError; let that loader "
                + "delegate the package to the boot class loader (OSGi: add " + PACKAGE + " to the framework property "
                + "org.osgi.framework.bootdelegation; JBoss Modules and WildFly: add " + PACKAGE
                + " to -Djboss.modules.system.pkgs)";
    }
}
