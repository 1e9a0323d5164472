package com.example.corpus.javac.suite;

import com.example.corpus.javac.Account;
import com.example.corpus.javac.Flow;
import com.example.corpus.javac.Outer;
import com.example.corpus.javac.Producer;
import com.example.corpus.javac.Reassign;
import com.example.corpus.javac.Returns;
import com.example.corpus.javac.Squares;
import com.example.corpus.javac.Switches;
import com.example.corpus.javac.Sync;
import com.example.corpus.javac.Transformer;
import com.example.corpus.javac.Upper;
import com.example.corpus.javac.WideSlots;
import com.example.corpus.javac.help.Sink;
import com.example.corpus.support.CaseSuite;
import com.example.corpus.support.Cases;
import java.util.concurrent.TimeUnit;

/**
 * Cases for the Java 7 part of the corpus. Compiled once (Java 17), and loaded beside each
 * {@code --release} build of the corpus classes, so the same calls exercise all three.
 */
public final class BaseSuite implements CaseSuite {
    @Override
    public void register(Cases cases) {
        returns(cases);
        cases.add("account.deposit", 150L, () -> new Account("ada", 100).deposit(50));
        cases.add("account.describe", "ada:0042", () -> new Account("ada", 42).describe(4));
        cases.add("account.close", "ada closed: done", () -> {
            new Account("ada", 1).close("done");
            return Sink.last;
        });
        cases.add("wide.mix", 2 * 3 + 25L, () -> WideSlots.mix(2, 3, 2.5, 10));
        cases.add("wide.blend", (1 + 0.5) * 4 + 0.25 - 2.0 + 100, () -> new WideSlots(100).blend(1, 0.5, 4, 0.25f, 2.0));
        cases.add("reassign.everything", "30/1005/-1.5/s!/1", () -> Reassign.everything(3, 5, 1.5, "s", new int[] {1, 2}));
        cases.add("reassign.countDown", 10L + 7 + 4 + 1, () -> new Reassign().countDown(10, 3));
        syncs(cases);
        cases.add("flow.tryCatchFinally", 4 * 2 + 1, () -> Flow.tryCatchFinally(4));
        cases.add("flow.returnInTry", "xtry;", () -> Flow.returnInTry("x"));
        cases.add("flow.withResources", 5, () -> Flow.withResources(5));
        cases.add("switch.table", "three", () -> Switches.table(3));
        cases.add("switch.lookup", 3, () -> Switches.lookup(100000));
        cases.add("switch.string", 2, () -> Switches.string("beta"));
        cases.add("switch.enum", "ms", () -> Switches.enumSwitch(TimeUnit.MILLISECONDS));
        cases.add("bridge.interface", "ABC", () -> {
            Transformer<String> viaInterface = new Upper();
            return viaInterface.apply("abc");
        });
        cases.add("bridge.direct", "DEF", () -> new Upper().apply("def"));
        cases.add("bridge.abstract", 49, () -> {
            Producer<Integer> viaSuper = new Squares();
            return viaSuper.make(7);
        });
        cases.add("inner", 42, () -> new Outer(6).new Inner().times(7));
        cases.add("nested", "<n>", () -> new Outer.Nested().tag("n"));
        cases.add("anonymous", 10, () -> new Outer(6).anonymous().run(4));
    }

    private static void returns(Cases cases) {
        cases.add("returns.void", 12, () -> {
            Returns.voidCase(3, 4);
            return Sink.last;
        });
        cases.add("returns.boolean", true, () -> Returns.booleanCase(4));
        cases.add("returns.byte", (byte) 8, () -> Returns.byteCase(7));
        cases.add("returns.char", 'c', () -> Returns.charCase('a', 2));
        cases.add("returns.short", (short) 600, () -> Returns.shortCase((short) 20, (short) 30));
        cases.add("returns.int", 42, () -> Returns.intCase(40, 2));
        cases.add("returns.long", 3_000_000_000L, () -> Returns.longCase(1_000_000_000L, 3));
        cases.add("returns.float", 2.5f, () -> Returns.floatCase(5f, 2f));
        cases.add("returns.double", 0.75, () -> Returns.doubleCase(1.5, 0.5));
        cases.add("returns.string", "id-7", () -> Returns.stringCase("id", 7));
        cases.add("returns.intArray", new int[] {0, 1, 4, 9}, () -> Returns.intArrayCase(4));
        cases.add("returns.objectArray", new String[][] {{"a", "b"}, {"b"}}, () -> Returns.objectArrayCase("a", "b"));
    }

    private static void syncs(Cases cases) {
        cases.add("sync.method", "held=true,counter=5", () -> new Sync().syncMethod(5));
        cases.add("sync.static", 10, () -> Sync.staticSync(5));
        cases.add("sync.block", 15, () -> new Sync().syncBlock(5));
        cases.add("sync.released.method", true, () -> released(new Sync(), true));
        cases.add("sync.released.block", true, () -> released(new Sync(), false));
    }

    /** Whether {@code sync} holds no monitor after one synchronized call, whether it returned or threw. */
    private static boolean released(Sync sync, boolean method) throws Exception {
        try {
            if (method) {
                sync.syncMethod(1);
            } else {
                sync.syncBlock(1);
            }
        } catch (Exception e) {
            if (!sync.released()) {
                throw new AssertionError("a monitor is still held after " + e);
            }
            throw e;
        }
        return sync.released();
    }
}
