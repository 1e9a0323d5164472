package com.example.reload;

import com.example.support.StderrMark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long-running application for the live-reload tests, with no resilience code: it takes one command
 * per stdin line, so a test can interleave calls with rewrites of the agent's config file.
 *
 * <pre>
 * java [-javaagent:...] -cp test-classes com.example.reload.ReloadApp
 * </pre>
 *
 * Both clients are loaded (and so woven, when the config names them) before it prints {@code READY}.
 * Commands: {@code quote MODE}, {@code peek MODE} ({@link QuoteClient}) and {@code ledger MODE}
 * ({@link LedgerClient}) make one call and print its {@code RESULT} line (modes: {@link Behaviour});
 * {@code spawn OP MODE} makes the call on a thread of its own and prints its {@code RESULT} line when it
 * ends; {@code hold} and {@code release} close and open the {@link Gate}; {@code mark-stderr TOKEN} is
 * {@link StderrMark}; {@code quit} ends the JVM.
 */
public final class ReloadApp {
    private static final QuoteClient QUOTES = new QuoteClient();
    private static final LedgerClient LEDGER = new LedgerClient();
    private static final AtomicInteger CALLS = new AtomicInteger();

    private ReloadApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("PID " + ProcessHandle.current().pid());
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (StderrMark.handled(line.strip())) {
                continue;
            }
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "" -> { }
                case "quit" -> {
                    System.out.println("BYE");
                    return;
                }
                case "hold" -> Gate.hold();
                case "release" -> Gate.release();
                case "spawn" -> {
                    int call = CALLS.incrementAndGet();
                    Thread thread = new Thread(() -> call(call, words[1], words[2]), "spawned-" + call);
                    thread.setDaemon(true); // a call left waiting at a closed gate does not keep the JVM from quitting
                    thread.start();
                }
                default -> call(CALLS.incrementAndGet(), words[0], words[1]);
            }
        }
    }

    private static void call(int call, String op, String mode) {
        Runs.reset();
        long start = System.nanoTime();
        String value = null;
        Throwable thrown = null;
        try {
            value = switch (op) {
                case "quote" -> QUOTES.quote(mode);
                case "peek" -> QUOTES.peek(mode);
                case "ledger" -> LEDGER.post(mode);
                default -> throw new IllegalArgumentException("unknown op " + op);
            };
        } catch (Throwable t) {
            thrown = t;
        }
        StringBuilder line = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                .append(" attempts=").append(Runs.get())
                .append(" elapsedMs=").append((System.nanoTime() - start) / 1_000_000);
        if (thrown == null) {
            line.append(" value=").append(value.replace(' ', '_'));
        } else {
            line.append(" class=").append(thrown.getClass().getName()).append(" causes=-")
                    .append(" message=").append(thrown.getMessage());
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
