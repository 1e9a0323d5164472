package com.example.app;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many threads hammering one protected method through an outage and a recovery; no resilience code.
 *
 * <pre>
 * java -javaagent:... -cp test-classes com.example.app.HammerApp BASE_URL THREADS SERVICE
 * </pre>
 *
 * Three phases, each started by all threads at once (a barrier):
 * <ol>
 * <li>{@code outage}: every thread calls {@code BASE_URL/outage} until its first rejection by the breaker;</li>
 * <li>once the breaker's State reads HALF_OPEN over JMX (its recovery timeout has passed), {@code trial}:
 * every thread calls {@code BASE_URL/trial} once, all at the same moment; an admitted trial holds its
 * request until every thread has been admitted or rejected, so no trial completes (and closes the
 * breaker) while others still ask;</li>
 * <li>{@code after}: every thread calls {@code BASE_URL/after} five times.</li>
 * </ol>
 * Prints one line per phase with what the callers saw,
 * {@code PHASE name=outage calls=.. ok=.. failed=.. rejected=.. rejectedAfterAttempt=.. other=.. bodyRuns=.. maxBodyRuns=..},
 * then the agent's counters read over JMX, {@code JMX service=SERVICE State=.. TotalCalls=.. ...}.
 */
public final class HammerApp {
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    private static final HammerClient CLIENT = new HammerClient();
    private static final int MAX_CALLS_PER_THREAD = 500;

    private HammerApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        String base = args[0];
        int threads = Integer.parseInt(args[1]);
        String service = args[2];
        // one unprotected request first, so that loading the HTTP client does not stretch the first phase
        Http.CLIENT.send(HttpRequest.newBuilder(Http.uri(base + "/warmup")).build(), HttpResponse.BodyHandlers.discarding());

        Phase outage = new Phase("outage", base + "/outage");
        outage.run(threads, () -> {
            for (int i = 0; i < MAX_CALLS_PER_THREAD; i++) {
                if (outage.call() == Outcome.REJECTED) {
                    return;
                }
            }
        });
        outage.print();

        AgentMBeans.awaitState(service, "HALF_OPEN");

        Phase trial = new Phase("trial", base + "/trial");
        trial.holdRequestsUntilAllDecided(threads);
        trial.run(threads, trial::call);
        trial.print();

        Phase after = new Phase("after", base + "/after");
        after.run(threads, () -> {
            for (int i = 0; i < 5; i++) {
                after.call();
            }
        });
        after.print();

        System.out.println(AgentMBeans.breakerLine(service));
        System.out.println("MAIN DONE");
    }

    enum Outcome { OK, FAILED, REJECTED, OTHER }

    /** What the callers of one phase saw. */
    static final class Phase {
        final String name;
        final String url;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        final AtomicInteger rejectedAfterAttempt = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final AtomicInteger bodyRuns = new AtomicInteger();
        final AtomicInteger maxBodyRuns = new AtomicInteger();
        final AtomicReference<Throwable> firstOther = new AtomicReference<>();
        /** Counts down once per caller the breaker has admitted or rejected. */
        private CountDownLatch undecided = new CountDownLatch(0);
        private Runnable beforeRequest = () -> { };

        Phase(String name, String url) {
            this.name = name;
            this.url = url;
        }

        /** Makes each admitted request wait (at most 30 s) until all {@code threads} callers are decided. */
        void holdRequestsUntilAllDecided(int threads) {
            undecided = new CountDownLatch(threads);
            beforeRequest = () -> {
                undecided.countDown();
                try {
                    undecided.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        Outcome call() {
            calls.incrementAndGet();
            AtomicInteger runs = new AtomicInteger();
            Outcome outcome;
            try {
                HttpResponse<Void> response = CLIENT.call(url, runs, beforeRequest);
                outcome = response.statusCode() == 200 ? Outcome.OK : Outcome.FAILED;
            } catch (Throwable t) {
                if (t.getClass().getName().equals(OPEN_EXCEPTION)) {
                    outcome = Outcome.REJECTED;
                    undecided.countDown();
                    if (runs.get() > 0) {
                        rejectedAfterAttempt.incrementAndGet();
                    }
                } else {
                    outcome = Outcome.OTHER;
                    firstOther.compareAndSet(null, t);
                }
            }
            bodyRuns.addAndGet(runs.get());
            maxBodyRuns.accumulateAndGet(runs.get(), Math::max);
            (switch (outcome) {
                case OK -> ok;
                case FAILED -> failed;
                case REJECTED -> rejected;
                case OTHER -> other;
            }).incrementAndGet();
            return outcome;
        }

        /** Starts {@code threads} threads that run {@code body} all at once, and waits for them. */
        void run(int threads, Runnable body) throws InterruptedException {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    body.run();
                }, name + "-" + i);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join(60_000);
                if (worker.isAlive()) {
                    throw new IllegalStateException(worker.getName() + " did not finish");
                }
            }
        }

        void print() {
            System.out.println("PHASE name=" + name + " calls=" + calls + " ok=" + ok + " failed=" + failed
                    + " rejected=" + rejected + " rejectedAfterAttempt=" + rejectedAfterAttempt + " other=" + other
                    + " bodyRuns=" + bodyRuns + " maxBodyRuns=" + maxBodyRuns);
            if (firstOther.get() != null) {
                System.out.println("OTHER phase=" + name + " " + firstOther.get());
            }
            System.out.flush();
        }
    }
}
