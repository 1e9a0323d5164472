package com.example.async;

import com.example.support.StepRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code AsyncApp BASE_URL STEP...}: an application that makes async calls, with no resilience code.
 * Steps ({@code PATH} is appended to the base URL):
 * <ul>
 * <li>{@code fetch PATH}, {@code stage PATH}, {@code tracked PATH}: {@link AsyncClient}'s method of that
 * name, declared to return {@code CompletableFuture}, {@code CompletionStage}, {@link TrackedFuture};
 * <li>{@code status PATH}: {@link AsyncClient#status}, the value is {@code STATUS:BODY};
 * <li>{@code failingFirst KEY}, {@code throwingFirst KEY}, {@code minimal KEY}, {@code bug KEY}: {@link LocalService};
 * <li>{@code sendAsync PATH}: {@code java.net.http.HttpClient.sendAsync} itself, the value is the status
 * ({@code attempts} counts the responses received);
 * <li>{@code sync PATH}: {@link SyncClient#get}, synchronous;
 * <li>{@code cancel PATH}: see {@link Cancellation};
 * <li>{@code hammer THREADS PER_THREAD}: see {@link Hammer}, against {@code BASE_URL/first} and {@code /again};
 * <li>{@code jmx SERVICE}: the service's counters read through its MXBean ({@link AgentCounters}).
 * </ul>
 * Each async step reports what its caller saw ({@link Awaited}).
 */
public final class AsyncApp {
    private AsyncApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AsyncClient client = new AsyncClient(http);
        LocalService local = new LocalService();
        SyncClient sync = new SyncClient(http);
        BodyHandler<String> counted = info -> {
            StepRunner.BODY.incrementAndGet();
            return HttpResponse.BodyHandlers.ofString().apply(info);
        };
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            BodyRuns.reset();
            return switch (op) {
                case "fetch" -> Awaited.outcome(() -> client.fetch(base + a[0]), extra);
                case "stage" -> Awaited.outcome(() -> client.stage(base + a[0]), extra);
                case "tracked" -> Awaited.outcome(() -> client.tracked(base + a[0]), extra);
                case "status" -> Awaited.reply(() -> client.status(base + a[0]), extra);
                case "failingFirst" -> Awaited.outcome(() -> local.failingFirst(a[0]), extra);
                case "throwingFirst" -> Awaited.outcome(() -> local.throwingFirst(a[0]), extra);
                case "minimal" -> Awaited.outcome(() -> local.minimal(a[0]), extra);
                case "bug" -> Awaited.outcome(() -> local.bug(a[0]), extra);
                case "sendAsync" -> ((HttpResponse<?>) Awaited.outcome(() -> http.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + a[0])).timeout(Duration.ofSeconds(20)).build(), counted),
                        extra)).statusCode();
                case "sync" -> sync.get(base + a[0]);
                case "cancel" -> Cancellation.run(client, base + a[0], extra);
                case "hammer" -> Hammer.run(client, base, Integer.parseInt(a[0]), Integer.parseInt(a[1]), extra);
                case "jmx" -> AgentCounters.read(a[0], extra);
                default -> throw new IllegalArgumentException("unknown step " + op);
            };
        });
    }
}
