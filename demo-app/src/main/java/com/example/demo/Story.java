package com.example.demo;

import com.example.agent.AgentExecutor;
import com.example.claude.ClaudeClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the demo's calls one at a time and prints what each one did: outcome, time taken, how many
 * requests reached the server, and the service's breaker state afterwards.
 *
 * <p>The requests-per-call count is what makes the agent's retries visible: without the agent it is
 * always 1; with it a retried call shows more, and a call rejected by an open breaker shows 0.
 */
final class Story {

    private static final String CLAUDE_SERVICE = "claude_api";
    private static final String AGENT_SERVICE = "agent_http";

    private static final String PROMPT = "Describe the weather in Oslo in five words.";
    private static final String WEATHER_REQUEST = FlakyService.TOOL_PATH + "?city=Oslo";
    private static final Duration AGENT_PATIENCE = Duration.ofSeconds(2);

    private final ClaudeClient claude;
    private final AgentExecutor executor;
    private final Optional<FlakyService> service;
    private final AgentView agent;
    private final PrintStream out;
    private final Map<Outcome.Kind, Integer> outcomes = new EnumMap<>(Outcome.Kind.class);
    private final long startNanos = System.nanoTime();
    private int calls;

    /** @param service the local service the calls go to, or empty when they go to a real endpoint */
    Story(ClaudeClient claude, AgentExecutor executor, Optional<FlakyService> service, AgentView agent,
            PrintStream out) {
        this.claude = claude;
        this.executor = executor;
        this.service = service;
        this.agent = agent;
        this.out = out;
    }

    void begin() throws InterruptedException {
        out.println("== resilience-agent demo ==");
        if (agent.attached(AGENT_PATIENCE)) {
            out.println("agent attached: yes (services: " + agent.services().orElse("?") + ")");
        } else {
            out.println("agent attached: no (every call makes exactly one request; no retries, no breakers)");
        }
        out.println(service.isPresent()
                ? "each call: method, outcome, time taken, requests the server received, breaker state after it"
                : "each call: method, outcome, time taken, breaker state after it");
    }

    void section(String title) {
        out.println();
        out.println("-- " + title + " --");
        service.ifPresent(s -> s.behaviour().forEach(line -> out.println("   server: " + line)));
    }

    void pause(String why, Duration duration) throws InterruptedException {
        out.println();
        out.println("-- " + why + " --");
        Thread.sleep(duration.toMillis());
    }

    void complete() {
        call("ClaudeClient.complete", CLAUDE_SERVICE, FlakyService.COMPLETE_PATH,
                () -> Outcome.ok(claude.complete(PROMPT)));
    }

    void checkWeather() {
        call("AgentExecutor.makeHttpRequest", AGENT_SERVICE, FlakyService.TOOL_PATH,
                () -> Outcome.of(executor.makeHttpRequest("GET", WEATHER_REQUEST, null)));
    }

    void summary() {
        out.println();
        out.println("== summary ==");
        out.printf("calls:           %d (%d OK, %d FAILED, %d REJECTED)%n", calls,
                count(Outcome.Kind.OK), count(Outcome.Kind.FAILED), count(Outcome.Kind.REJECTED));
        service.ifPresent(s -> out.printf("server saw:      %d requests (%d %s, %d %s)%n",
                s.requests(FlakyService.COMPLETE_PATH) + s.requests(FlakyService.TOOL_PATH),
                s.requests(FlakyService.COMPLETE_PATH), FlakyService.COMPLETE_PATH,
                s.requests(FlakyService.TOOL_PATH), FlakyService.TOOL_PATH));
        out.println("breakers:        " + breakerSummary(CLAUDE_SERVICE) + ", " + breakerSummary(AGENT_SERVICE));
        boolean attached = agent.attached();
        out.println("agent attached:  " + (attached ? "yes" : "no"));
        out.printf("took:            %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
        if (!attached) {
            out.println();
            out.println("Now run it with the agent and compare:");
            out.println("  java -javaagent:agent/target/resilience-agent.jar=config=demo-app/resilience.yaml"
                    + " -jar demo-app/target/demo-app.jar");
        }
    }

    private void call(String method, String breaker, String path, Call call) {
        int before = requestsSeen(path);
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.of(e);
        } catch (Exception e) {
            outcome = Outcome.of(e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        calls++;
        outcomes.merge(outcome.kind(), 1, Integer::sum);
        String served = service.isPresent() ? "server saw " + plural(requestsSeen(path) - before, "request") : "";
        String state = "[" + breaker + ": " + agent.breakerState(breaker) + "]";
        out.printf("call %2d  %-29s  %-8s  %5d ms  %-21s  %-23s  %s%n", calls, method,
                outcome.kind(), millis, served, state, outcome.detail());
    }

    private int requestsSeen(String path) {
        return service.map(s -> s.requests(path)).orElse(0);
    }

    private String breakerSummary(String name) {
        String state = agent.breakerState(name);
        Optional<Object> retries = agent.breakerAttribute(name, "TotalRetries");
        Optional<Object> rejected = agent.breakerAttribute(name, "TotalRejected");
        Optional<Object> denied = agent.breakerAttribute(name, "TotalRetriesDenied");
        if (retries.isEmpty() || rejected.isEmpty()) {
            return name + " " + state;
        }
        return name + " " + state + " (" + retries.get() + " retries, " + rejected.get() + " rejected"
                + denied.filter(n -> ((Number) n).longValue() > 0).map(n -> ", " + n + " retries denied by the budget").orElse("")
                + ")";
    }

    private int count(Outcome.Kind kind) {
        return outcomes.getOrDefault(kind, 0);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @FunctionalInterface
    private interface Call {
        Outcome run() throws Exception;
    }
}
