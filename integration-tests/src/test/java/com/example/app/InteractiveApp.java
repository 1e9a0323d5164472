package com.example.app;

import static com.example.support.StepRunner.causes;
import static com.example.support.StepRunner.oneLine;

import com.example.support.StderrMark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A long-running application under test that takes its calls one at a time from stdin, so a test can
 * interleave calls with what it does from outside the JVM (JMX reads and operations, scrapes).
 *
 * <pre>
 * java [-javaagent:...] -cp test-classes com.example.app.InteractiveApp BASE_URL
 * </pre>
 *
 * It prints {@code PID <pid>} and then {@code READY} once {@link ApiClient} is loaded (so its methods
 * are transformed, when a config names them). Then each line on stdin is one command:
 * {@code get URL} ({@link ApiClient#get(String)}), {@code alpha URL} ({@link ApiClient#alpha}),
 * {@code lazy URL} ({@link LazyClient#fetch}: the first one loads that class) or {@code quit}. A URL
 * without {@code ://} is a path on BASE_URL. Each call prints one {@code RESULT} line in the format of
 * {@link HttpApp}; end of input or {@code quit} ends the JVM; {@code mark-stderr TOKEN} is {@link StderrMark}.
 *
 * <p>{@code await-mbeans} is not a call: it waits (up to 30 s) until the agent has registered
 * {@code io.resilienceagent:type=Agent} in the platform MBean server, then prints
 * {@code MBEANS <number of io.resilienceagent MBeans>} ({@code MBEANS 0} if it never does). For tests
 * whose outside client should find the MXBeans on its first try without an attach of its own.
 */
public final class InteractiveApp {
    private static final ApiClient API = new ApiClient();

    private InteractiveApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        System.out.println("PID " + ProcessHandle.current().pid());
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int call = 0;
        for (String line; (line = in.readLine()) != null; ) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (StderrMark.handled(line)) {
                continue;
            }
            if (line.equals("quit")) {
                break;
            }
            if (line.equals("await-mbeans")) {
                System.out.println("MBEANS " + awaitMBeans());
                System.out.flush();
                continue;
            }
            String[] step = line.split(" ", 2);
            run(++call, step[0], step.length > 1 ? step[1] : "", base);
        }
        System.out.println("BYE");
        System.out.flush();
    }

    private static void run(int call, String op, String arg, String base) {
        Attempts.reset();
        long start = System.nanoTime();
        Object value = null;
        Throwable thrown = null;
        try {
            String url = arg.contains("://") ? arg : base + arg;
            value = switch (op) {
                case "get" -> API.get(url);
                case "alpha" -> API.alpha(url);
                case "lazy" -> new LazyClient().fetch(url);
                default -> throw new IllegalStateException("unknown op " + op);
            };
        } catch (Throwable t) {
            thrown = t;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        StringBuilder out = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                .append(" attempts=").append(Attempts.BODY.get())
                .append(" elapsedMs=").append(elapsedMs);
        if (thrown == null) {
            out.append(" value=").append(value instanceof HttpResponse<?> r ? String.valueOf(r.statusCode()) : String.valueOf(value));
        } else {
            out.append(" class=").append(thrown.getClass().getName())
                    .append(" causes=").append(causes(thrown))
                    .append(" message=").append(oneLine(String.valueOf(thrown.getMessage())));
        }
        System.out.println(out);
        System.out.flush();
    }

    private static int awaitMBeans() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server.isRegistered(agent) ? server.queryNames(new ObjectName("io.resilienceagent:*"), null).size() : 0;
    }
}
