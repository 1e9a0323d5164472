package com.example.bench.startup;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;

/**
 * The small application of the start-up measurement: two client classes whose methods the two-method
 * config {@code startup.yaml} names, each called once. At the end of {@code main} it prints
 * {@link System#nanoTime()}, which on Linux is the system-wide monotonic clock, so the measuring
 * process can tell JVM start to end of {@code main} apart from JVM shutdown, and then the CPU time the
 * JVM has used so far.
 *
 * <p>With the argument {@code verify}, the first attempt of {@link GreetingClient#fetch} fails with a
 * {@link ConnectException}: only an instrumented method survives that (it is retried), so the
 * measurement checks before timing anything that the agent really instruments the app.
 */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean verify = args.length > 0 && "verify".equals(args[0]);
        GreetingClient greetings = new GreetingClient(verify);
        QuoteClient quotes = new QuoteClient();
        String greeting;
        try {
            greeting = greetings.fetch("world");
        } catch (ConnectException e) {
            System.out.println("NOT INSTRUMENTED");
            System.exit(3);
            return;
        }
        System.out.println(greeting);
        System.out.println(quotes.fetch(7));
        long endOfMain = System.nanoTime();
        System.out.print("END_OF_MAIN_NANOS ");
        System.out.println(endOfMain);
        // CPU time of all the JVM's threads so far (/proc/self/stat): less sensitive than wall time to
        // other processes competing for the CPUs. Read after the end-of-main timestamp.
        System.out.print("CPU_NANOS ");
        Optional<Duration> cpu = ProcessHandle.current().info().totalCpuDuration(); // no lambda: no indy bootstrap
        System.out.println(cpu.isPresent() ? cpu.get().toNanos() : -1L);
    }
}
