package io.resilienceagent.it.reload;

import static org.assertj.core.api.Assertions.fail;

/** Process ids for the command line's "unknown process" cases. */
final class Pids {
    private static final long HIGHEST = 32_000;

    private Pids() {
    }

    /** A process id that no process has at the moment: the highest free one below the default {@code pid_max}. */
    static long notRunning() {
        for (long pid = HIGHEST; pid > 1_000; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
        return fail("every process id from 1000 to " + HIGHEST + " is taken");
    }
}
