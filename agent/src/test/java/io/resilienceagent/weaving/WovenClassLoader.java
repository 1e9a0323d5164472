package io.resilienceagent.weaving;

import java.util.Map;

/** Defines the given (woven) classes itself, child-first, and delegates everything else to its parent. */
final class WovenClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    WovenClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            byte[] bytes = classes.get(name);
            if (bytes != null) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
            return super.loadClass(name, resolve);
        }
    }
}
