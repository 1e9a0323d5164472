package com.example.demo;

import com.example.agent.AgentExecutor;
import com.example.claude.ClaudeClient;
import com.example.demo.FlakyService.Phase;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a short, scripted story of calls against a flaky local service: transient failures, an
 * outage, a recovery, a brown-out. The application has no resilience code of its own; run it once as is and
 * once with the resilience agent attached to see what the agent adds.
 */
public final class DemoMain {

    private static final Duration RECOVERY_MARGIN = Duration.ofMillis(300);
    private static final int BROWNOUT_CALLS = 12;

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
        } else if (options.endpoint().isPresent()) {
            callEndpoint(options.endpoint().get());
        } else {
            tellStory(options.recoveryWait());
        }
    }

    private static void tellStory(Duration recoveryWait) throws Exception {
        try (FlakyService service = FlakyService.start()) {
            URI base = service.baseUri();
            Story story = new Story(new ClaudeClient(base), new AgentExecutor(base), Optional.of(service),
                    new AgentView(), System.out);
            story.begin();

            service.phase(Phase.BLIPS);
            story.section("Phase 1: transient failures (the agent retries)");
            makeCalls(story);

            service.phase(Phase.OUTAGE);
            story.section("Phase 2: outage (the breakers open)");
            makeCalls(story);

            service.phase(Phase.RECOVERED);
            story.pause("waiting for the recovery timeout (" + seconds(recoveryWait) + " s); the server is back",
                    recoveryWait.plus(RECOVERY_MARGIN));
            story.section("Phase 3: recovery (half-open trial calls, then closed)");
            makeCalls(story);

            service.phase(Phase.BROWNOUT);
            story.section("Phase 4: brown-out (agent_http's retry budget caps the extra requests)");
            for (int i = 0; i < BROWNOUT_CALLS; i++) {
                story.checkWeather();
            }

            story.summary();
        }
    }

    private static void callEndpoint(URI endpoint) throws InterruptedException {
        Story story = new Story(new ClaudeClient(endpoint), new AgentExecutor(endpoint), Optional.empty(),
                new AgentView(), System.out);
        story.begin();
        story.section("calls to " + endpoint);
        makeCalls(story);
        story.summary();
    }

    /** Three completions, then two weather checks: enough for a breaker to open or close. */
    private static void makeCalls(Story story) {
        for (int i = 0; i < 3; i++) {
            story.complete();
        }
        for (int i = 0; i < 2; i++) {
            story.checkWeather();
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }
}
