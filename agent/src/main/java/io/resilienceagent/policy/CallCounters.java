package io.resilienceagent.policy;

import java.util.concurrent.atomic.LongAdder;

/** Running totals for one service; {@link LongAdder}s so that threads never contend on one counter. */
final class CallCounters {
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder rejected = new LongAdder();
}
