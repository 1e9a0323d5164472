package com.example.corpus.legacy.suite;

import com.example.corpus.legacy.Legacy48;
import com.example.corpus.legacy.Legacy49;
import com.example.corpus.legacy.Legacy50;
import com.example.corpus.support.CaseSuite;
import com.example.corpus.support.Cases;
import com.example.corpus.support.Flaky;
import java.util.concurrent.Callable;

/**
 * Cases for the old class files (versions 48, 49 and 50) that the test writes with ASM: a try/finally
 * compiled the old javac way, with a JSR/RET subroutine, and no stack-map frames.
 */
public final class LegacySuite implements CaseSuite {
    @Override
    public void register(Cases cases) {
        cases.add("v48.finally", "21/finallyPerAttempt=true", finallyCase(() -> Legacy48.withFinally(7), () -> Legacy48.finallyRuns));
        cases.add("v49.finally", "21/finallyPerAttempt=true", finallyCase(() -> Legacy49.withFinally(7), () -> Legacy49.finallyRuns));
        cases.add("v50.finally", "21/finallyPerAttempt=true", finallyCase(() -> Legacy50.withFinally(7), () -> Legacy50.finallyRuns));
        cases.add("v48.wide", 2L * 3 + 4, () -> new Legacy48().wide(2L, 4.5, 3));
        cases.add("v49.wide", 2L * 3 + 4, () -> new Legacy49().wide(2L, 4.5, 3));
        cases.add("v50.wide", 2L * 3 + 4, () -> new Legacy50().wide(2L, 4.5, 3));
    }

    /** The result, and whether the finally subroutine ran once per attempt of the body. */
    private static Callable<String> finallyCase(Callable<Integer> call, Callable<Integer> finallyRuns) {
        return () -> {
            int before = finallyRuns.call();
            Integer result = call.call();
            return result + "/finallyPerAttempt=" + (finallyRuns.call() - before == Flaky.runs());
        };
    }
}
