package com.example.springapp;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The start-up measurement mode. With {@code exit-after-start}, once the application is ready it prints
 * {@code STARTED_NANOS <System.nanoTime()>} (on Linux a system-wide monotonic clock, so the measuring
 * process can subtract its own start time), {@code CPU_NANOS <CPU time of all the JVM's threads>} and
 * {@code LOADED_CLASSES <classes loaded so far>}, then closes the context and exits with status 0. With {@code self-call} as well, it first calls both
 * services once and prints {@code SELF_CALL <service> OK|FAILED ...}, so a harness can check that the
 * agent really protects them. Without {@code exit-after-start} it does nothing: the application serves.
 */
@Component
public class StartupReporter {
    private final GreetingService greetings;
    private final QuoteService quotes;

    public StartupReporter(GreetingService greetings, QuoteService quotes) {
        this.greetings = greetings;
        this.quotes = quotes;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (!isSet(environment, "exit-after-start")) {
            return;
        }
        long started = System.nanoTime();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        System.out.println("STARTED_NANOS " + started);
        System.out.println("CPU_NANOS " + cpu);
        System.out.println("LOADED_CLASSES " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        if (isSet(environment, "self-call")) {
            selfCall("greeting", () -> greetings.greeting("bench"));
            selfCall("quote", () -> quotes.quote(7));
        }
        System.out.flush();
        ConfigurableApplicationContext context = event.getApplicationContext();
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** {@code --name} alone gives the property an empty value; anything but {@code false} turns it on. */
    private static boolean isSet(Environment environment, String name) {
        return environment.containsProperty(name) && !"false".equalsIgnoreCase(environment.getProperty(name));
    }

    private static void selfCall(String service, Supplier<String> call) {
        try {
            System.out.println("SELF_CALL " + service + " OK " + call.get());
        } catch (RuntimeException e) {
            System.out.println("SELF_CALL " + service + " FAILED " + e);
        }
    }
}
