package com.example.modular;

import com.example.modular.bundled.ModularClient;
import com.example.modular.bundled.ModularEntry;
import com.example.support.StepRunner;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jboss.modules.LocalModuleLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code ModularApp SYSTEM STEP...}: loads {@link ModularClient} from a jar through a module system's
 * class loader, as an application built on it does (from the module's own code, {@link ModularEntry}),
 * and calls its methods ({@code call}, {@code down}).
 * {@code SYSTEM} is {@code osgi} (the framework on the class path, Felix or Equinox, embedded with a
 * configuration map of its own, as applications embed it), {@code jboss} (a JBoss Modules module
 * repository) or {@code isolated} (a loader of the application's own that delegates only {@code java.*}).
 * With {@code -Dmodular.strict=true} the OSGi framework delegates to the parent loader only what its
 * boot delegation lists, even for a request that does not come from a bundle's code.
 * With {@code -Dmodular.await=true} it prints {@code READY} once the client is loaded and waits for a
 * line on stdin before the calls (for the agent to be attached meanwhile), and for another before it exits.
 */
public final class ModularApp {
    private static final String ENTRY = ModularEntry.class.getName();
    /** The OSGi framework started, stopped at the end (its threads would keep the JVM running). */
    private static Framework framework;
    private static final java.io.BufferedReader STDIN = new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));

    private ModularApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("modular");
        Class<?> entry = switch (args[0]) {
            case "osgi" -> fromBundle(dir);
            case "jboss" -> fromModule(dir);
            case "isolated" -> new JavaOnlyLoader(jar(dir.resolve("client.jar"), null).toUri().toURL()).loadClass(ENTRY);
            default -> throw new IllegalArgumentException(args[0]);
        };
        Object client = entry.getMethod("client").invoke(null);
        Class<?> type = client.getClass();
        if (type == ModularClient.class) {
            throw new IllegalStateException("the client came from the class path");
        }
        System.out.println("LOADER " + type.getClassLoader().getClass().getName());
        if (Boolean.getBoolean("modular.await")) {
            // the client and its loader are loaded: a test attaches the agent now, then sends a line
            System.out.println("READY");
            System.out.flush();
            STDIN.readLine();
        }
        String[] steps = new String[args.length - 1];
        System.arraycopy(args, 1, steps, 0, steps.length);
        StepRunner.run(steps, (op, a, extra) -> {
            int before = type.getField("runs").getInt(null);
            try {
                return type.getMethod(op).invoke(client);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                StepRunner.BODY.addAndGet(type.getField("runs").getInt(null) - before);
            }
        });
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
        if (Boolean.getBoolean("modular.await")) {
            STDIN.readLine(); // quit
        }
    }

    /** The client from a bundle of an OSGi framework embedded with its own configuration map. */
    private static Class<?> fromBundle(Path dir) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", dir.resolve("storage").toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        if (Boolean.getBoolean("modular.strict")) {
            // no delegation of what a bundle does not find to the parent for a request from outside a bundle's code
            config.put("felix.bootdelegation.implicit", "false");
            config.put("osgi.context.bootdelegation", "false");
        }
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.modular.bundled");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        Path jar = jar(dir.resolve("bundle.jar"), manifest);
        Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString());
        bundle.start();
        return bundle.loadClass(ENTRY);
    }

    /** The client from a module of a JBoss Modules module repository, whose code may read properties and do nothing else (under a security manager). */
    private static Class<?> fromModule(Path dir) throws Exception {
        Path module = Files.createDirectories(dir.resolve("com/example/modular/main"));
        jar(module.resolve("client.jar"), null);
        Files.writeString(module.resolve("module.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <module xmlns="urn:jboss:module:1.9" name="com.example.modular">
                    <resources><resource-root path="client.jar"/></resources>
                    <permissions><grant permission="java.util.PropertyPermission" name="*" actions="read"/></permissions>
                </module>
                """);
        LocalModuleLoader loader = new LocalModuleLoader(new File[] {dir.toFile()});
        return loader.loadModule("com.example.modular").getClassLoader().loadClass(ENTRY);
    }

    /** A jar holding the class files of {@link ModularEntry} and {@link ModularClient}, read from this application's class path. */
    private static Path jar(Path jar, Manifest manifest) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
            for (Class<?> type : new Class<?>[] {ModularEntry.class, ModularClient.class}) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = ModularApp.class.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }

    /** A class loader that delegates only {@code java.*}, as some plugin systems' do. */
    private static final class JavaOnlyLoader extends URLClassLoader {
        JavaOnlyLoader(URL jar) {
            super(new URL[] {jar}, null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
