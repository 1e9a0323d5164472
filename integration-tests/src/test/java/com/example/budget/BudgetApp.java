package com.example.budget;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Makes CALLS calls of {@link BudgetClient#get} from THREADS threads at once, then prints what the
 * callers saw and the service's counters from the agent's MXBean.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.budget.BudgetApp URL CALLS SERVICE MAX_ATTEMPTS THREADS
 * </pre>
 *
 * Prints {@code RESULT calls=.. ok=.. failed=.. bodyRuns=.. retriesWanted=..}, where retriesWanted
 * counts, per call, the failed attempts after which {@code maxAttempts} still allowed another one
 * ({@code min(runs, MAX_ATTEMPTS - 1)} for a call that failed, {@code runs - 1} for one that
 * succeeded), then {@code JMX TotalCalls=.. TotalFailures=.. TotalRetries=.. TotalRetriesDenied=..}.
 */
public final class BudgetApp {
    private BudgetApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int calls = Integer.parseInt(args[1]);
        String service = args[2];
        int maxAttempts = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        BudgetClient client = new BudgetClient();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bodyRuns = new AtomicLong();
        AtomicLong retriesWanted = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = calls / threads + (t < calls % threads ? 1 : 0);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < share; i++) {
                    boolean success;
                    try {
                        HttpResponse<String> response = client.get(url);
                        success = response.statusCode() == 200;
                    } catch (Exception e) {
                        success = false;
                    }
                    int runs = BudgetClient.takeRuns();
                    bodyRuns.addAndGet(runs);
                    if (success) {
                        ok.incrementAndGet();
                        retriesWanted.addAndGet(runs - 1);
                    } else {
                        failed.incrementAndGet();
                        retriesWanted.addAndGet(Math.min(runs, maxAttempts - 1));
                    }
                }
            }, "caller-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("RESULT calls=" + calls + " ok=" + ok + " failed=" + failed + " bodyRuns=" + bodyRuns
                + " retriesWanted=" + retriesWanted);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName breaker = new ObjectName("io.resilienceagent:type=CircuitBreaker,name=" + service);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.isRegistered(breaker) && System.nanoTime() < deadline) {
            Thread.sleep(20); // the agent registers its MXBeans shortly after start
        }
        StringBuilder line = new StringBuilder("JMX");
        for (String attribute : new String[] {"TotalCalls", "TotalFailures", "TotalRetries", "TotalRetriesDenied"}) {
            line.append(' ').append(attribute).append('=').append(server.getAttribute(breaker, attribute));
        }
        System.out.println(line);
    }
}
