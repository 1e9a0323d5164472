package io.resilienceagent.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The upstream HTTP server of the Spring Boot sample while its instrumentation is checked: on
 * 127.0.0.1, a free port; the first request to each path gets a 503, every later one a 200. So a
 * service call succeeds only when something retries it.
 */
final class UpstreamStub implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Integer> requestsByPath = new HashMap<>();

    UpstreamStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized int requests() {
        int total = 0;
        for (int n : requestsByPath.values()) {
            total += n;
        }
        return total;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int seen;
        synchronized (this) {
            seen = requestsByPath.merge(path, 1, Integer::sum);
        }
        byte[] body = (seen == 1 ? "busy, try again" : "hello from " + path).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(seen == 1 ? 503 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
