package io.resilienceagent.config;

import static io.resilienceagent.config.Yamls.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderParsingTest {
    private static final StatusSet DEFAULTS_STATUSES = StatusSet.builder()
            .add(429, 429, "429").add(502, 504, "502-504").build();

    @Test
    void fullConfigMergesBuiltinsThenDefaultsThenServiceKeysOneByOne() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                  retry:
                    maxAttempts: 4
                    minWait: 500ms
                    jitter: full
                    retryOnStatus: [429, "502-504"]
                  circuitBreaker:
                    failureThreshold: 3
                    openException: com.example.Busy
                services:
                  claude_api:
                    retry: { maxAttempts: 6, maxWait: 20s, multiplier: 1.5, retryOn: [java.io.IOException] }
                  agent_http:
                    circuitBreaker: { failureThreshold: 10, recoveryTimeout: 2m, openException: null }
                  plain: {}
                  bare:
                methods:
                  "com.example.claude.ClaudeClient.complete": claude_api
                  "com.example.agent.*Executor.make*(java.lang.String,int)": agent_http
                """);

        RetrySettings defaultsRetry = new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(10), 1.0,
                Jitter.FULL, List.of(), List.of(), DEFAULTS_STATUSES, List.of());
        BreakerSettings defaultsBreaker = new BreakerSettings(3, Duration.ofSeconds(60), 2, 2, Optional.of("com.example.Busy"));
        assertThat(config.services()).containsOnlyKeys("claude_api", "agent_http", "plain", "bare");
        assertThat(config.services().keySet()).containsExactly("claude_api", "agent_http", "plain", "bare");
        assertThat(config.services().get("claude_api")).isEqualTo(new ServiceSettings("claude_api",
                new RetrySettings(6, Duration.ofMillis(500), Duration.ofSeconds(20), 1.5, Jitter.FULL,
                        List.of("java.io.IOException"), List.of(), DEFAULTS_STATUSES, List.of()),
                defaultsBreaker));
        assertThat(config.services().get("agent_http")).isEqualTo(new ServiceSettings("agent_http",
                defaultsRetry,
                new BreakerSettings(10, Duration.ofMinutes(2), 2, 2, Optional.empty())));
        assertThat(config.services().get("plain")).isEqualTo(new ServiceSettings("plain", defaultsRetry, defaultsBreaker));
        assertThat(config.services().get("bare")).isEqualTo(new ServiceSettings("bare", defaultsRetry, defaultsBreaker));
        assertThat(config.methods()).containsExactly(
                new MethodMapping(MethodPattern.parse("com.example.claude.ClaudeClient.complete"), "claude_api"),
                new MethodMapping(MethodPattern.parse("com.example.agent.*Executor.make*(java.lang.String,int)"), "agent_http"));
        assertThat(config.source()).isEmpty();
    }

    @Test
    void bothServicesOfTheExampleParseIntoTheBuiltInDefaults() throws Exception {
        Path file = Path.of(ConfigLoaderParsingTest.class.getResource("/config/two-services.yaml").toURI());

        ResilienceConfig config = ConfigLoader.load(file);

        assertThat(config.source()).contains(file);
        assertThat(config.services().get("claude_api"))
                .isEqualTo(new ServiceSettings("claude_api", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS));
        assertThat(config.services().get("agent_http"))
                .isEqualTo(new ServiceSettings("agent_http", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS));
        assertThat(config.methods()).extracting(m -> m.pattern().toString(), MethodMapping::service).containsExactly(
                org.assertj.core.groups.Tuple.tuple("com.example.claude.ClaudeClient.complete", "claude_api"),
                org.assertj.core.groups.Tuple.tuple("com.example.agent.AgentExecutor.makeHttpRequest", "agent_http"));
    }

    @Test
    void servicesWithoutDefaultsSectionGetTheBuiltinDefaults() throws ConfigException {
        ResilienceConfig config = parse("services:\n  api: {}\n");

        assertThat(config.services().get("api"))
                .isEqualTo(new ServiceSettings("api", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS));
        assertThat(config.methods()).isEmpty();
    }

    @Test
    void listsFromAServiceReplaceTheDefaultsListsInsteadOfAppending() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                  retry: { retryOn: [com.example.A], abortOn: [com.example.B], retryOnStatus: [503] }
                services:
                  api:
                    retry: { retryOn: [com.example.C], retryOnStatus: [] }
                """);

        RetrySettings retry = config.services().get("api").retry();
        assertThat(retry.retryOn()).containsExactly("com.example.C");
        assertThat(retry.abortOn()).containsExactly("com.example.B");
        assertThat(retry.retryOnStatus().isEmpty()).isTrue();
    }

    @Test
    void serviceNullOpenExceptionOverridesOneFromDefaults() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                  circuitBreaker: { openException: com.example.Busy }
                services:
                  a:
                    circuitBreaker: { openException: ~ }
                  b: {}
                """);

        assertThat(config.services().get("a").circuitBreaker().openException()).isEmpty();
        assertThat(config.services().get("b").circuitBreaker().openException()).contains("com.example.Busy");
    }

    @Test
    void emptySectionsAndNullValuesAreFine() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                services:
                  api:
                    retry:
                    circuitBreaker:
                methods:
                """);

        assertThat(config.services().get("api"))
                .isEqualTo(new ServiceSettings("api", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS));
    }

    @Test
    void jitterIsCaseInsensitiveAndMultiplierTakesIntsAndFloats() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  a: { retry: { jitter: Decorrelated, multiplier: 2 } }
                  b: { retry: { jitter: EQUAL, multiplier: 0.25 } }
                """);

        assertThat(config.services().get("a").retry().jitter()).isEqualTo(Jitter.DECORRELATED);
        assertThat(config.services().get("a").retry().multiplier()).isEqualTo(2.0);
        assertThat(config.services().get("b").retry().jitter()).isEqualTo(Jitter.EQUAL);
        assertThat(config.services().get("b").retry().multiplier()).isEqualTo(0.25);
    }

    @Test
    void anchorsAndAliasesShareSettingsBetweenServices() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  a:
                    retry: &standard { maxAttempts: 5, maxWait: 30s }
                  b:
                    retry: *standard
                """);

        assertThat(config.services().get("b").retry()).isEqualTo(config.services().get("a").retry());
        assertThat(config.services().get("b").retry().maxAttempts()).isEqualTo(5);
    }

    @Test
    void nestedClassesAndUnicodeIdentifiersAreValidClassNames() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  api:
                    retry: { retryOn: [com.example.Outer$Inner, com.exämple.Fehler_1] }
                    circuitBreaker: { openException: com.example.Busy$Open }
                """);

        assertThat(config.services().get("api").retry().retryOn())
                .containsExactly("com.example.Outer$Inner", "com.exämple.Fehler_1");
        assertThat(config.services().get("api").circuitBreaker().openException()).contains("com.example.Busy$Open");
    }

    @Test
    void explicitCoreTagsAreAccepted() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  api:
                    retry: { jitter: !!str full, maxAttempts: !!int "7" }
                """);

        assertThat(config.services().get("api").retry().jitter()).isEqualTo(Jitter.FULL);
        assertThat(config.services().get("api").retry().maxAttempts()).isEqualTo(7);
    }

    @Test
    void serviceNamesMayLookLikeNumbersAndMethodsReferToThemAsWritten() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  "404": {}
                  api-v2.eu: {}
                methods:
                  com.example.A.a: 404
                  com.example.B.b: api-v2.eu
                """);

        assertThat(config.methods()).extracting(MethodMapping::service).containsExactly("404", "api-v2.eu");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() throws ConfigException {
        assertThat(parse("\uFEFFservices:\n  api: {}\n").services()).containsOnlyKeys("api");
    }
}
