package com.example.app;

import java.security.CodeSource;

/**
 * An application that ships its own (older) SnakeYAML and Byte Buddy on its class path, run through a
 * launcher jar whose manifest {@code Class-Path} lists them. Uses both, and calls a protected method.
 *
 * <p>Prints {@code LIB name=... location=...} for the classes it resolves, {@code YAML value=...},
 * {@code BYTEBUDDY generated=... superclass=... loader=...}, and
 * {@code AGENT CLASS name=... hidden|loader=...} for some of the agent's classes, and
 * {@code RESULT outcome=OK attempts=3 value=42}.
 */
public final class OldLibsApp {
    private OldLibsApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        ClassLoader app = OldLibsApp.class.getClassLoader();
        for (String name : new String[] {"org.yaml.snakeyaml.Yaml", "net.bytebuddy.ByteBuddy"}) {
            Class<?> type = Class.forName(name, false, app);
            CodeSource source = type.getProtectionDomain().getCodeSource();
            System.out.println("LIB name=" + name + " location=" + (source == null ? "-" : source.getLocation()));
        }

        Object yaml = Class.forName("org.yaml.snakeyaml.Yaml").getConstructor().newInstance();
        Object parsed = yaml.getClass().getMethod("load", String.class).invoke(yaml, "list: [1, 2, 3]\nname: old");
        System.out.println("YAML value=" + String.valueOf(parsed).replace(' ', '_'));

        // new ByteBuddy().subclass(Object.class).make().load(app).getLoaded()
        Object byteBuddy = Class.forName("net.bytebuddy.ByteBuddy").getConstructor().newInstance();
        Object builder = byteBuddy.getClass().getMethod("subclass", Class.class).invoke(byteBuddy, Object.class);
        Object unloaded = Class.forName("net.bytebuddy.dynamic.DynamicType$Builder").getMethod("make").invoke(builder);
        Object loaded = Class.forName("net.bytebuddy.dynamic.DynamicType$Unloaded").getMethod("load", ClassLoader.class)
                .invoke(unloaded, app);
        Class<?> generated = (Class<?>) Class.forName("net.bytebuddy.dynamic.DynamicType$Loaded").getMethod("getLoaded").invoke(loaded);
        Object instance = generated.getConstructor().newInstance();
        System.out.println("BYTEBUDDY generated=" + generated.getName() + " superclass=" + generated.getSuperclass().getName()
                + " instance=" + (instance != null));

        for (String name : new String[] {"io.resilienceagent.policy.CircuitBreaker", "io.resilienceagent.config.ConfigLoader",
                "io.resilienceagent.CircuitBreakerOpenException", "io.resilienceagent.bootstrap.Dispatcher"}) {
            try {
                ClassLoader loader = Class.forName(name, false, app).getClassLoader();
                System.out.println("AGENT CLASS name=" + name + " loader=" + (loader == null ? "bootstrap" : loader.getName()));
            } catch (ClassNotFoundException e) {
                System.out.println("AGENT CLASS name=" + name + " hidden");
            }
        }

        OldLibsClient client = new OldLibsClient();
        try {
            Object value = client.parse("answer: 42");
            System.out.println("RESULT outcome=OK attempts=" + client.attempts() + " value=" + value);
        } catch (Exception e) {
            System.out.println("RESULT outcome=THROWN attempts=" + client.attempts() + " class=" + e.getClass().getName());
        }
        System.out.println("MAIN DONE");
    }
}
