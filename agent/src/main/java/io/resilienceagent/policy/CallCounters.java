package io.resilienceagent.policy;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one service's failure paths; {@link LongAdder}s so that threads never contend on
 * one counter. Calls, counted on every call, are counted per thread ({@link ThreadCallCounts}).
 */
final class CallCounters {
    final LongAdder failures = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder retriesDenied = new LongAdder();
    /** First attempts the breaker refused: they sent nothing, so the retry budget does not count them. */
    final LongAdder firstAttemptsRejected = new LongAdder();
}
