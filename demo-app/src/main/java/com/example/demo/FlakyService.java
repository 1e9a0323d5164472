package com.example.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local stand-in for the completion API and the tool server, failing on a fixed script.
 *
 * <p>What a request gets depends only on the current {@link Phase} and on how many requests for
 * the same path arrived since that phase began, never on the clock, so every run of the demo tells
 * the same story. It listens on an ephemeral loopback port.
 */
final class FlakyService implements AutoCloseable {

    static final String COMPLETE_PATH = "/v1/complete";
    static final String TOOL_PATH = "/tools/weather";
    static final String HEALTH_PATH = "/health";

    private final HttpServer server;
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final Map<String, Integer> requestsInPhase = new HashMap<>();
    private Phase phase = Phase.BLIPS;

    private FlakyService(HttpServer server) {
        this.server = server;
    }

    /** Starts the service and returns once it answers its health check. */
    static FlakyService start() throws IOException, InterruptedException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FlakyService service = new FlakyService(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        service.server.createContext("/", service::handle);
        service.server.start();
        service.awaitHealthy();
        return service;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void phase(Phase next) {
        phase = next;
        requestsInPhase.clear();
    }

    /** What the current phase answers, one line per path, for telling the story. */
    synchronized List<String> behaviour() {
        return List.of(String.format("%-16s%s", COMPLETE_PATH, phase.describe(COMPLETE_PATH)),
                String.format("%-16s%s", TOOL_PATH, phase.describe(TOOL_PATH)));
    }

    /** Requests received so far for {@code path}, in all phases. */
    int requests(String path) {
        AtomicInteger count = requestsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpRequest check = HttpRequest.newBuilder(baseUri().resolve(HEALTH_PATH)).build();
        int status = HttpClient.newHttpClient().send(check, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IOException("flaky service failed its health check: HTTP " + status);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = nextStatus(path);
            if (status == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            respond(exchange, status, status == 200 ? answer(path) : "{\"error\":\"" + reason(status) + "\"}");
        } finally {
            exchange.close();
        }
    }

    private synchronized int nextStatus(String path) {
        if (path.equals(HEALTH_PATH)) {
            return 200;
        }
        boolean known = path.equals(COMPLETE_PATH) || path.equals(TOOL_PATH);
        if (!known) {
            return 404;
        }
        int n = requestsInPhase.merge(path, 1, Integer::sum);
        int[] script = phase.script(path);
        if (n <= script.length) {
            return script[n - 1];
        }
        return phase.failEvery > 0 && n % phase.failEvery == 1 ? 503 : phase.afterScript;
    }

    private static String answer(String path) {
        return switch (path) {
            case COMPLETE_PATH -> "{\"completion\":\"Clear skies, light breeze.\"}";
            case TOOL_PATH -> "{\"city\":\"Oslo\",\"forecast\":\"sunny\"}";
            default -> "{\"status\":\"up\"}";
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 429 -> "rate limited";
            case 500 -> "internal error";
            case 502 -> "bad gateway";
            case 503 -> "overloaded";
            default -> "error";
        };
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The service's health over the demo's timeline; {@code DemoMain} moves it along. */
    enum Phase {
        /** Occasional failures that one or two retries get past, and one 429 with {@code Retry-After: 1}. */
        BLIPS(new int[] {503, 200, 200, 503, 200}, new int[] {500, 502, 200, 429, 200}, 200, 0),
        /** Every request fails with 503. */
        OUTAGE(new int[0], new int[0], 503, 0),
        /** Every request succeeds. */
        RECOVERED(new int[0], new int[0], 200, 0),
        /** A brown-out: every other request fails with 503. */
        BROWNOUT(new int[0], new int[0], 200, 2);

        private final int[] completeScript;
        private final int[] toolScript;
        private final int afterScript;
        /** When above 0: requests 1, 1 + failEvery, 1 + 2 x failEvery... of the phase fail with 503. */
        private final int failEvery;

        Phase(int[] completeScript, int[] toolScript, int afterScript, int failEvery) {
            this.completeScript = completeScript;
            this.toolScript = toolScript;
            this.afterScript = afterScript;
            this.failEvery = failEvery;
        }

        private int[] script(String path) {
            return path.equals(COMPLETE_PATH) ? completeScript : toolScript;
        }

        private String describe(String path) {
            String scripted = Arrays.stream(script(path))
                    .mapToObj(status -> status == 429 ? "429 (Retry-After: 1)" : String.valueOf(status))
                    .collect(Collectors.joining(", "));
            if (failEvery == 2) {
                return "503 to every other request, 200 to the rest";
            }
            return scripted.isEmpty()
                    ? afterScript + " to every request"
                    : scripted + ", then always " + afterScript;
        }
    }
}
