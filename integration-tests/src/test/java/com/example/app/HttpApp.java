package com.example.app;

import static com.example.support.StepRunner.causes;
import static com.example.support.StepRunner.oneLine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application under test: no resilience code, started in a child JVM (with or without the agent).
 *
 * <pre>
 * java [-javaagent:...] -cp test-classes com.example.app.HttpApp BASE_URL STEP...
 * </pre>
 *
 * Each STEP is one argument, {@code OP ARG...} separated by single spaces; a URL without {@code ://}
 * is a path on BASE_URL. Every step but {@code sleep} is a call and prints one
 * line on stdout:
 *
 * <pre>
 * RESULT call=1 op=get outcome=OK attempts=2 elapsedMs=63 value=200
 * RESULT call=2 op=get outcome=THROWN attempts=3 elapsedMs=180 class=java.net.ConnectException causes=- message=...
 * </pre>
 *
 * {@code attempts} is how often a protected method body ran; {@code causes} is the cause chain,
 * {@code class(message_with_underscores)} joined by {@code >} ({@code -} if none); {@code message} is always last and runs to the end of the line.
 *
 * <p>Ops: {@code get URL [TIMEOUT_MS]}, {@code post URL BODY}, {@code throwing URL}, {@code alpha URL},
 * {@code beta URL}, {@code gamma URL} (all {@link ApiClient}); {@code legacy-post URL BODY}
 * ({@link LegacyClient}, HttpURLConnection); {@code fetch URL} ({@link Fetcher}); {@code load URL}
 * ({@link AbstractSource}); {@code nested URL} ({@link Outer}); {@code isolated DIR CLASS} (loads CLASS
 * from DIR in a fresh {@code URLClassLoader} whose parent is the platform class loader and calls its
 * {@code call()}); {@code interrupt AFTER_MS URL} ({@code alpha} on a worker thread that this thread
 * interrupts AFTER_MS after the first attempt began); {@code sleep MS}.
 */
public final class HttpApp {

    private static final ApiClient API = new ApiClient();
    private static final LegacyClient LEGACY = new LegacyClient();
    private static final Fetcher FETCHER = new HttpFetcher();
    private static final AbstractSource SOURCE = new HttpSource();
    private static final Outer OUTER = new Outer();

    private HttpApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        System.out.flush();
        String base = args[0];
        int call = 0;
        for (int i = 1; i < args.length; i++) {
            String[] step = args[i].split(" ", 2);
            String op = step[0];
            String rest = step.length > 1 ? step[1] : "";
            if (op.equals("sleep")) {
                Thread.sleep(Long.parseLong(rest));
                continue;
            }
            call++;
            run(call, op, rest, base);
        }
        System.out.println("MAIN DONE");
    }

    private static void run(int call, String op, String rest, String base) {
        Map<String, String> extra = new LinkedHashMap<>();
        Attempts.reset();
        long start = System.nanoTime();
        Object value = null;
        Throwable thrown = null;
        try {
            value = dispatch(op, rest, base, extra);
        } catch (Throwable t) {
            thrown = t;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        StringBuilder line = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                .append(" attempts=").append(extra.containsKey("attempts") ? extra.remove("attempts") : Attempts.BODY.get())
                .append(" elapsedMs=").append(elapsedMs);
        if (op.equals("nested")) {
            line.append(" outerAttempts=").append(Attempts.OUTER.get());
        }
        extra.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        if (thrown == null) {
            line.append(" value=").append(describe(value));
        } else {
            line.append(" class=").append(thrown.getClass().getName())
                    .append(" causes=").append(causes(thrown))
                    .append(" message=").append(oneLine(String.valueOf(thrown.getMessage())));
        }
        System.out.println(line);
        System.out.flush();
    }

    private static Object dispatch(String op, String rest, String base, Map<String, String> extra) throws Throwable {
        String[] a = rest.split(" ");
        return switch (op) {
            case "get" -> a.length > 1 ? API.get(url(base, a[0]), Long.parseLong(a[1])) : API.get(url(base, a[0]));
            case "post" -> API.post(url(base, a[0]), rest.substring(a[0].length() + 1));
            case "throwing" -> API.getOrThrow(url(base, a[0]));
            case "alpha" -> API.alpha(url(base, a[0]));
            case "beta" -> API.beta(url(base, a[0]));
            case "gamma" -> API.gamma(url(base, a[0]));
            case "legacy-post" -> LEGACY.post(url(base, a[0]), rest.substring(a[0].length() + 1));
            case "fetch" -> FETCHER.fetch(url(base, a[0]));
            case "load" -> SOURCE.load(url(base, a[0]));
            case "nested" -> OUTER.call(url(base, a[0]));
            case "isolated" -> isolated(Path.of(a[0]), a[1], extra);
            case "interrupt" -> interrupted(Long.parseLong(a[0]), url(base, a[1]), extra);
            default -> throw new IllegalStateException("unknown op " + op);
        };
    }

    private static Object isolated(Path dir, String className, Map<String, String> extra) throws Throwable {
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = Class.forName(className, true, loader);
        extra.put("isolatedLoader", String.valueOf(type.getClassLoader() == loader));
        Object instance = type.getConstructor().newInstance();
        Method call = type.getMethod("call");
        Method attempts = type.getMethod("attempts");
        try {
            return call.invoke(instance);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            extra.put("attempts", String.valueOf(attempts.invoke(instance)));
        }
    }

    private static Object interrupted(long afterMs, String url, Map<String, String> extra) throws Throwable {
        warmUp(url);
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                value.set(API.alpha(url));
            } catch (Throwable t) {
                thrown.set(t);
            }
            flag.set(Thread.currentThread().isInterrupted());
        }, "interrupted-caller");
        worker.start();
        while (Attempts.BODY.get() == 0 && worker.isAlive()) {
            Thread.sleep(5);
        }
        Thread.sleep(afterMs);
        long interruptedAt = System.nanoTime();
        worker.interrupt();
        worker.join(30_000);
        extra.put("interruptFlag", String.valueOf(flag.get()));
        extra.put("afterInterruptMs", String.valueOf((System.nanoTime() - interruptedAt) / 1_000_000));
        if (thrown.get() != null) {
            throw thrown.get();
        }
        return value.get();
    }

    /** One unprotected request first, so the protected call does not spend its first second loading the client. */
    private static void warmUp(String url) {
        try {
            Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(Http.uri(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception expected) {
            // only the class loading matters
        }
    }

    private static String url(String base, String url) {
        return url.contains("://") ? url : base + url;
    }

    private static String describe(Object value) {
        if (value instanceof HttpResponse<?> response) {
            return String.valueOf(response.statusCode());
        }
        return oneLine(String.valueOf(value));
    }
}
