package com.example.bench.generated;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Main class of the generated application (copied into its jar; it is not run inside the harness).
 * Loads and initialises every class listed in {@code META-INF/generated-app/classes.txt}, as a large
 * application's start-up does, then prints {@code STARTED_NANOS}, {@code CPU_NANOS} (all threads) and
 * {@code LOADED_CLASSES}. The CPU time is read {@value #IDLE_MILLIS} ms after {@code main} started (or
 * at the end of loading, if later) in every mode, so that an agent's background work (the JMX
 * registration a second after start, compiling its start-up code) counts alike whether or not the app
 * loaded its classes, and the difference is what loading them cost.
 *
 * <p>Arguments: none (load all); {@code idle}: load none; {@code verify}:
 * load all, then call every method listed in {@code targets.txt} once with its first call failing
 * ({@link FirstCallFails}) and print {@code VERIFY <class#method> OK|FAILED}, then, under the resilience agent,
 * {@code INSTRUMENTED_METHODS <count>} from the agent's MXBean.
 */
public final class GeneratedAppMain {
    private static final String LIST_DIR = "META-INF/generated-app/";
    private static final long IDLE_MILLIS = 2_500;

    private GeneratedAppMain() {
    }

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String mode = args.length == 0 ? "all" : args[0];
        ClassLoader loader = GeneratedAppMain.class.getClassLoader();
        if (!mode.equals("idle")) {
            for (String name : lines("classes.txt")) {
                Class.forName(name, true, loader);
            }
        }
        long started = System.nanoTime();
        System.out.println("STARTED_NANOS " + started);
        long untilCpuReading = IDLE_MILLIS - (started - mainStarted) / 1_000_000;
        if (untilCpuReading > 0) {
            Thread.sleep(untilCpuReading);
        }
        long cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.println("CPU_NANOS " + cpu);
        System.out.println("LOADED_CLASSES " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        if (mode.equals("verify")) {
            verify(loader);
        }
    }

    private static void verify(ClassLoader loader) throws Exception {
        FirstCallFails.arm();
        for (String target : lines("targets.txt")) {
            int hash = target.indexOf('#');
            Class<?> type = Class.forName(target.substring(0, hash), true, loader);
            Object instance = type.getConstructor().newInstance();
            try {
                type.getMethod(target.substring(hash + 1), String.class).invoke(instance, "x");
                System.out.println("VERIFY " + target + " OK");
            } catch (InvocationTargetException e) {
                System.out.println("VERIFY " + target + " FAILED " + e.getCause());
            }
        }
        if (underResilienceAgent()) {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");
            for (int i = 0; i < 100 && !server.isRegistered(agent); i++) {
                Thread.sleep(100);
            }
            String[] methods = (String[]) server.getAttribute(agent, "InstrumentedMethods");
            System.out.println("INSTRUMENTED_METHODS " + methods.length);
        }
    }

    /** Whether the resilience agent runs in this JVM: it puts its dispatcher on the bootstrap class path. */
    private static boolean underResilienceAgent() {
        try {
            Class.forName("io.resilienceagent.bootstrap.Dispatcher", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<String> lines(String resource) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = GeneratedAppMain.class.getClassLoader().getResourceAsStream(LIST_DIR + resource)) {
            if (in == null) {
                throw new IOException("missing " + LIST_DIR + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }
}
