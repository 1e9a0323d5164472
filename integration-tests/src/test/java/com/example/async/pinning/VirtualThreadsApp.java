package com.example.async.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code VirtualThreadsApp CALLS}: after one warm-up call of each kind on the main thread, {@code CALLS}
 * virtual threads each make one synchronous and one async call of {@link Flaky}, both retried once by the agent (the synchronous one sleeps through its backoff on
 * the virtual thread); then one more virtual thread initialises {@link SlowInit}, the pinning control.
 * Prints {@code DONE ok=N control=MS}. Needs Java 21 or later at run time; compiled for 17, so it finds
 * {@code Executors.newVirtualThreadPerTaskExecutor} by reflection.
 */
public final class VirtualThreadsApp {
    private VirtualThreadsApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        Flaky flaky = new Flaky();
        // the first retried calls, on this platform thread: the classes they use are loaded and initialised
        // before any virtual thread needs them (a virtual thread that waits for another thread to load or
        // initialise a class is pinned while it waits, whoever's class it is)
        flaky.call("warm-up");
        flaky.callAsync("warm-up").get(30, TimeUnit.SECONDS);
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String key = "k" + i;
            results.add(threads.submit(() -> flaky.call(key) + "/" + flaky.callAsync(key).get(30, TimeUnit.SECONDS)));
        }
        int ok = 0;
        for (Future<String> result : results) {
            if (result.get(60, TimeUnit.SECONDS).equals("ok/ok")) {
                ok++;
            }
        }
        long control = threads.submit(SlowInit::slept).get(30, TimeUnit.SECONDS);
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println("DONE ok=" + ok + " control=" + control);
    }
}
