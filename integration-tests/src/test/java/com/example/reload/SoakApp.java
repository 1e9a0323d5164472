package com.example.reload;

import com.example.support.StderrMark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many threads calling {@link QuoteClient#quote} while a test rewrites the agent's config; no resilience
 * code.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.reload.SoakApp THREADS
 * </pre>
 *
 * Prints {@code READY}, then reads commands: {@code start} starts the {@link SoakWorker}s (prints
 * {@code STARTED}); {@code stop} stops them, waits for them, and prints each thread's report and then
 * {@code TOTAL calls=.. runs=.. failedRuns=..}; {@code quit} ends the JVM; {@code mark-stderr TOKEN} is
 * {@link StderrMark}.
 */
public final class SoakApp {
    private SoakApp() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        QuoteClient client = new QuoteClient();
        List<SoakWorker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.strip().equals("quit"); ) {
            if (StderrMark.handled(line.strip())) {
                continue;
            }
            if (line.strip().equals("start")) {
                for (int i = 0; i < threads; i++) {
                    SoakWorker worker = new SoakWorker(client, "soak-" + i);
                    Thread thread = new Thread(worker, "soak-" + i);
                    workers.add(worker);
                    running.add(thread);
                    thread.start();
                }
                System.out.println("STARTED");
            } else if (line.strip().equals("stop")) {
                workers.forEach(SoakWorker::stop);
                for (Thread thread : running) {
                    thread.join();
                }
                long calls = 0;
                long runs = 0;
                long failedRuns = 0;
                for (SoakWorker worker : workers) {
                    worker.report().forEach(System.out::println);
                    calls += worker.calls();
                    runs += worker.runs();
                    failedRuns += worker.failedRuns();
                }
                System.out.println("TOTAL calls=" + calls + " runs=" + runs + " failedRuns=" + failedRuns);
            }
            System.out.flush();
        }
        System.out.println("BYE");
    }
}
