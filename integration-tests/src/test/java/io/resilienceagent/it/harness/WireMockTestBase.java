package io.resilienceagent.it.harness;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One WireMock server per test class (an instance field, so test classes may run in parallel), on
 * 127.0.0.1 and a free port, emptied before every test. Child JVMs reach it through {@link #baseUrl()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WireMockTestBase {
    protected WireMockServer wireMock;

    @BeforeAll
    void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
    }

    @AfterAll
    void stopWireMock() {
        if (wireMock != null) {
            wireMock.stop();
            wireMock = null;
        }
    }

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    /**
     * Stubs {@code path} (any method) to answer with {@code responses} in turn, the last one for
     * every further request: a WireMock scenario with one state per response.
     */
    protected void stubSequence(String path, ResponseDefinitionBuilder... responses) {
        String scenario = "seq-" + path + "-" + UUID.randomUUID();
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            ScenarioMappingBuilder mapping = WireMock.any(WireMock.urlPathEqualTo(path))
                    .inScenario(scenario).whenScenarioStateIs(state);
            if (i + 1 < responses.length) {
                mapping = mapping.willSetStateTo("step-" + (i + 1));
            }
            wireMock.stubFor(mapping.willReturn(responses[i]));
        }
    }

    /** Requests the server received for {@code path} (any method). */
    protected int requests(String path) {
        return wireMock.countRequestsMatching(WireMock.anyRequestedFor(WireMock.urlPathEqualTo(path)).build()).getCount();
    }

    /** The logged requests for {@code path}, oldest first. */
    protected List<LoggedRequest> requestLog(String path) {
        return wireMock.findAll(WireMock.anyRequestedFor(WireMock.urlPathEqualTo(path))).stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }
}
