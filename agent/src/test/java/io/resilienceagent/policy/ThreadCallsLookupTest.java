package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each thread finds its own calls, however the table of recent threads is shared: threads whose ids
 * share a slot, and threads whose class makes up its ids, never see another thread's calls.
 */
class ThreadCallsLookupTest {

    /** The calls the thread sees on each of several lookups; they must all be one object. */
    private static ThreadCalls lookUpSeveralTimes() {
        ThreadCalls first = ThreadCalls.current();
        for (int i = 0; i < 20; i++) {
            assertThat(ThreadCalls.current()).isSameAs(first);
        }
        return first;
    }

    private static ThreadCalls runOn(Thread thread, AtomicReference<ThreadCalls> seen) throws InterruptedException {
        thread.start();
        thread.join();
        return seen.get();
    }

    @Test
    void threadsWhoseIdsShareASlotEachSeeTheirOwnCalls() throws InterruptedException {
        Map<ThreadCalls, Boolean> distinct = new IdentityHashMap<>();
        ThreadCalls mine = lookUpSeveralTimes();
        distinct.put(mine, true);
        // more threads than slots, one after another: some ids share a slot with an earlier, cached thread
        for (int i = 0; i < 300; i++) {
            AtomicReference<ThreadCalls> seen = new AtomicReference<>();
            distinct.put(runOn(new Thread(() -> seen.set(lookUpSeveralTimes())), seen), true);
        }
        assertThat(distinct).hasSize(301);
        assertThat(lookUpSeveralTimes()).as("this thread's, after all of them").isSameAs(mine);
    }

    @Test
    void threadsThatMakeUpTheirIdsEachSeeTheirOwnCalls() throws InterruptedException {
        List<ThreadCalls> seenByEach = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicReference<ThreadCalls> seen = new AtomicReference<>();
            @SuppressWarnings("deprecation")
            Thread liar = new Thread(() -> seen.set(lookUpSeveralTimes())) {
                @Override
                public long getId() {
                    return 7;
                }
            };
            seenByEach.add(runOn(liar, seen));
        }
        assertThat(seenByEach).doesNotHaveDuplicates();
        assertThat(seenByEach.get(0)).isNotSameAs(seenByEach.get(1)).isNotSameAs(seenByEach.get(2));
    }
}
