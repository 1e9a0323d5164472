package io.resilienceagent.policy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and advances the manual clock by it instead of sleeping. */
final class RecordingSleeper implements Sleeper {
    private final ManualClock clock;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        waits.add(Duration.ofNanos(nanos));
        clock.advance(Duration.ofNanos(nanos));
    }
}
