package com.example.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads the same class names from one directory through two separate {@code URLClassLoader}s whose
 * parent is the platform class loader, and calls each copy.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.app.TwinLoadersApp DIR
 * </pre>
 *
 * For {@code TwinDirect} (a static {@code call()}) and {@code TwinImpl} (an instance {@code call()} of the
 * interface {@code TwinRemote}), prints per copy
 * {@code RESULT class=... copy=N ownLoader=true distinctFromOtherCopy=true outcome=OK attempts=3 value=...}.
 */
public final class TwinLoadersApp {
    private TwinLoadersApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        Path dir = Path.of(args[0]);
        URLClassLoader first = new URLClassLoader("twin-1", new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        URLClassLoader second = new URLClassLoader("twin-2", new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        for (String name : new String[] {"com.example.isolated.TwinDirect", "com.example.isolated.TwinImpl"}) {
            Class<?> one = Class.forName(name, true, first);
            Class<?> two = Class.forName(name, true, second);
            call(one, 1, first, two);
            call(two, 2, second, one);
        }
        System.out.println("MAIN DONE");
    }

    private static void call(Class<?> type, int copy, ClassLoader loader, Class<?> otherCopy) throws Exception {
        Method call = type.getMethod("call");
        Object target = java.lang.reflect.Modifier.isStatic(call.getModifiers()) ? null : type.getConstructor().newInstance();
        String outcome;
        try {
            outcome = "outcome=OK value=" + call.invoke(target);
        } catch (InvocationTargetException e) {
            outcome = "outcome=THROWN class=" + e.getCause().getClass().getName();
        }
        System.out.println("RESULT class=" + type.getSimpleName() + " copy=" + copy
                + " ownLoader=" + (type.getClassLoader() == loader)
                + " distinctFromOtherCopy=" + (type != otherCopy)
                + " attempts=" + type.getMethod("attempts").invoke(null) + " " + outcome);
    }
}
