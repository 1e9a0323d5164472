package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small property runner for the config fuzz tests: seeded generation, a check that names what
 * broke, and greedy shrinking of a failing input, so a failure prints a short reproducible case.
 * Each input runs under a watchdog, so a parse that hangs is reported with its input instead of
 * stalling the run.
 * Override the seed and the number of tries with {@code -Dfuzz.seed=...} and {@code -Dfuzz.tries=...}.
 */
final class ConfigFuzzing {
    static final long SEED = Long.getLong("fuzz.seed", 0x5EED_C0F1_6L);
    static final int MAX_MESSAGE_LINES = 25;
    static final int MAX_MESSAGE_LINE_LENGTH = 500;
    static final long MAX_MILLIS_PER_INPUT = 3_000;
    private static final int SHRINK_BUDGET = 3_000;
    private static final long SHRINK_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final ExecutorService WATCHDOG = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "config-fuzz");
        thread.setDaemon(true);
        return thread;
    });

    private ConfigFuzzing() {
    }

    static int tries(int defaultTries) {
        return Integer.getInteger("fuzz.tries", defaultTries);
    }

    /**
     * Runs {@code check} on {@code tries} generated inputs; throws an AssertionError with the
     * shrunk counterexample, the seed of the failing try and what went wrong.
     */
    static <T> void forAll(String property, int tries, Function<SplittableRandom, T> generator,
            Function<T, Optional<String>> check, Function<T, List<T>> smaller, Function<T, String> show) {
        SplittableRandom seeds = new SplittableRandom(SEED ^ property.hashCode());
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            T input = generator.apply(new SplittableRandom(seed));
            Optional<String> violation = check.apply(input);
            if (violation.isPresent()) {
                T shrunk = shrink(input, t -> check.apply(t).isPresent(), smaller);
                throw new AssertionError(property + ": try " + i + " (-Dfuzz.seed=" + SEED + ", try seed " + seed
                        + ") failed: " + check.apply(shrunk).orElse(violation.get())
                        + "\n  shrunk input:   " + show.apply(shrunk)
                        + "\n  original input: " + show.apply(input));
            }
        }
    }

    static void forAllTexts(String property, int tries, Function<SplittableRandom, String> generator,
            Function<String, Optional<String>> check) {
        forAll(property, tries, generator, check, ConfigFuzzing::smallerTexts, ConfigFuzzing::javaLiteral);
    }

    private static <T> T shrink(T failing, Predicate<T> fails, Function<T, List<T>> smaller) {
        T current = failing;
        int budget = SHRINK_BUDGET;
        long deadline = System.nanoTime() + SHRINK_NANOS;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (T candidate : smaller.apply(current)) {
                if (--budget < 0 || System.nanoTime() > deadline) {
                    budget = 0;
                    break;
                }
                if (fails.test(candidate)) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /** Candidates with one chunk removed, largest chunks first. */
    static List<String> smallerTexts(String text) {
        List<String> candidates = new ArrayList<>();
        for (int chunk = Math.max(1, text.length() / 2); chunk >= 1; chunk /= 2) {
            for (int start = 0; start + chunk <= text.length(); start += chunk) {
                candidates.add(text.substring(0, start) + text.substring(start + chunk));
            }
            if (chunk == 1) {
                break;
            }
        }
        return candidates;
    }

    static List<byte[]> smallerBytes(byte[] bytes) {
        List<byte[]> candidates = new ArrayList<>();
        for (int chunk = Math.max(1, bytes.length / 2); chunk >= 1; chunk /= 2) {
            for (int start = 0; start + chunk <= bytes.length; start += chunk) {
                byte[] candidate = new byte[bytes.length - chunk];
                System.arraycopy(bytes, 0, candidate, 0, start);
                System.arraycopy(bytes, start + chunk, candidate, start, bytes.length - start - chunk);
                candidates.add(candidate);
            }
            if (chunk == 1) {
                break;
            }
        }
        return candidates;
    }

    /** The text as a Java string literal, so a counterexample can be pasted into a regression test. */
    static String javaLiteral(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String bytesLiteral(byte[] bytes) {
        StringBuilder out = new StringBuilder("new byte[] {");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format("(byte) 0x%02X", bytes[i] & 0xFF));
        }
        return out.append('}').toString();
    }

    /**
     * What is wrong with the outcome of loading {@code text}, if anything: anything thrown but a
     * {@link ConfigException}, a ConfigException whose positions fall outside the text or whose
     * message is not one screen, or an answer that took seconds.
     */
    static Optional<String> violation(String text, String source, Load load) {
        Future<Optional<String>> outcome = WATCHDOG.submit(() -> outcome(text, source, load));
        try {
            return outcome.get(MAX_MILLIS_PER_INPUT, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return Optional.of("took more than " + MAX_MILLIS_PER_INPUT + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Optional<String> outcome(String text, String source, Load load) {
        try {
            load.run();
            return Optional.empty();
        } catch (ConfigException e) {
            return badException(e, text, source);
        } catch (Throwable e) {
            return Optional.of("threw " + e + " at " + firstFrames(e));
        }
    }

    /** A parse or load, which may fail only with a ConfigException. */
    @FunctionalInterface
    interface Load {
        Object run() throws ConfigException;
    }

    static Optional<String> badException(ConfigException e, String text, String source) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return Optional.of("empty message");
        }
        String[] lines = message.split("\\R", -1);
        if (lines.length > MAX_MESSAGE_LINES) {
            return Optional.of("message has " + lines.length + " lines");
        }
        for (String line : lines) {
            if (line.length() > MAX_MESSAGE_LINE_LENGTH) {
                return Optional.of("message line of " + line.length() + " chars: " + line.substring(0, 200) + "...");
            }
        }
        if (e.problems().isEmpty()) {
            return Optional.of("no problems listed");
        }
        int lineCount = lineCount(text);
        for (ConfigProblem problem : e.problems()) {
            if (!problem.source().equals(source)) {
                return Optional.of("problem names source " + problem.source());
            }
            if ((problem.line() == 0) != (problem.column() == 0)) {
                return Optional.of("half a position: " + problem);
            }
            if (problem.line() > lineCount) {
                return Optional.of("line " + problem.line() + " beyond the " + lineCount + " lines: " + problem);
            }
            if (problem.column() > text.length() + 1) {
                return Optional.of("column " + problem.column() + " beyond the text: " + problem);
            }
        }
        return Optional.empty();
    }

    /** Lines as YAML counts them: every LF, CR, NEL, LS and PS may end one, plus the last line. */
    static int lineCount(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                count++;
            }
        }
        return count;
    }

    private static String firstFrames(Throwable e) {
        StringBuilder frames = new StringBuilder();
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            frames.append(i == 0 ? "" : " < ").append(trace[i]);
        }
        return frames.toString();
    }
}
