package com.example.secured;

import com.example.support.StepRunner;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * {@code SecuredApp STEP...}, run under a security manager whose policy grants this application's code
 * nothing but making class loaders: it defines {@link SecuredClient} in a class loader of its own, from
 * the class file's bytes (as plugin and script hosts do, so that the agent transforms the class with this
 * code's frames on the stack), and each {@code call} step calls its {@code call()}.
 */
public final class SecuredApp {
    private SecuredApp() {
    }

    public static void main(String[] args) throws Exception {
        byte[] classFile;
        try (InputStream in = SecuredApp.class.getResourceAsStream("SecuredClient.class")) {
            classFile = in.readAllBytes();
        }
        ClassLoader own = new ClassLoader(SecuredApp.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.equals(SecuredClient.class.getName())) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
                    }
                    return super.loadClass(name, resolve);
                }
            }
        };
        Class<?> type = own.loadClass(SecuredClient.class.getName());
        Object client = type.getConstructor().newInstance();
        StepRunner.run(args, (op, a, extra) -> {
            Method method = type.getMethod(op);
            try {
                Object value = method.invoke(client);
                return value instanceof java.util.concurrent.CompletableFuture<?> future ? future.get(10, TimeUnit.SECONDS) : value;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
    }
}
