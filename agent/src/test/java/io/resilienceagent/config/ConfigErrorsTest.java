package io.resilienceagent.config;

import static io.resilienceagent.config.Yamls.failure;
import static io.resilienceagent.config.Yamls.onlyProblem;
import static io.resilienceagent.config.Yamls.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigErrorsTest {

    @Test
    void misspeltRetryKeyNamesPlaceSuggestionAndValidKeys() {
        ConfigProblem problem = onlyProblem("""
                services:
                  claude_api:
                    retry:
                      maxAtempts: 3
                """);

        assertThat(problem.source()).isEqualTo("test.yaml");
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(7);
        assertThat(problem.keyPath()).isEqualTo("services.claude_api.retry.maxAtempts");
        assertThat(problem.message()).isEqualTo("unknown key; did you mean 'maxAttempts'? Valid keys: maxAttempts, "
                + "minWait, maxWait, multiplier, jitter, retryOn, abortOn, retryOnStatus, statusAccessor, attemptTimeout, budget");
        assertThat(problem).hasToString("test.yaml:4:7: services.claude_api.retry.maxAtempts: " + problem.message());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "MaxAttempts, maxAttempts",
            "max_attempts, maxAttempts",
            "max-attempts, maxAttempts",
            "maxAttemtps, maxAttempts",
            "minwait, minWait",
            "retryOnStatuses, retryOnStatus",
            "abortOnn, abortOn",
    })
    void unknownRetryKeysCloseToAValidOneGetASuggestion(String written, String meant) {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      " + written + ": 1\n");

        assertThat(problem.message()).startsWith("unknown key; did you mean '" + meant + "'?");
    }

    @Test
    void unknownKeyWithoutACloseMatchStillListsTheValidKeys() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    circuitBreaker:\n      timeout: 5s\n");

        assertThat(problem.keyPath()).isEqualTo("services.api.circuitBreaker.timeout");
        assertThat(problem.message()).isEqualTo("unknown key; valid keys: failureThreshold, recoveryTimeout, "
                + "successThreshold, halfOpenMaxCalls, openException");
    }

    @Test
    void aKeyOfAnotherSectionSaysWhereItBelongs() {
        assertThat(onlyProblem("services:\n  api:\n    retry:\n      openException: com.example.Down\n").message())
                .isEqualTo("unknown key here; it belongs under circuitBreaker. Valid keys: " + String.join(", ", SchemaReader.RETRY_KEYS));
        assertThat(onlyProblem("services:\n  api:\n    circuitBreaker:\n      maxAttempts: 3\n").message())
                .startsWith("unknown key here; it belongs under retry.");
        assertThat(onlyProblem("services:\n  api:\n    retry:\n      minPerSecond: 3\n").message())
                .startsWith("unknown key here; it belongs under retry.budget.");
        assertThat(onlyProblem("services:\n  api:\n    maxAttempts: 3\n").message())
                .startsWith("unknown key here; it belongs under retry.");
        assertThat(onlyProblem("defaults:\n  methods: {}\nservices:\n  api: {}\n").message())
                .startsWith("unknown key here; it belongs under the top level, unindented.");
    }

    @Test
    void unknownKeysAreReportedAtEveryLevel() {
        List<ConfigProblem> problems = problems("""
                service: {}
                defaults:
                  retyr: {}
                services:
                  api:
                    circuit_breaker: {}
                    circuitBreaker: { failureTreshold: 3 }
                """);

        assertThat(problems).extracting(ConfigProblem::keyPath).containsExactly(
                "service", "defaults.retyr", "services.api.circuit_breaker", "services.api.circuitBreaker.failureTreshold");
        assertThat(problems).extracting(ConfigProblem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("unknown key; did you mean 'services'? Valid keys: defaults, services, methods"),
                m -> assertThat(m).startsWith("unknown key; did you mean 'retry'? Valid keys: retry, circuitBreaker"),
                m -> assertThat(m).startsWith("unknown key; did you mean 'circuitBreaker'?"),
                m -> assertThat(m).startsWith("unknown key; did you mean 'failureThreshold'?"));
    }

    @Test
    void zeroCountIsReportedAtTheValue() {
        ConfigProblem problem = onlyProblem("""
                services:
                  agent_http:
                    circuitBreaker:
                      failureThreshold: 0
                """);

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(25);
        assertThat(problem.keyPath()).isEqualTo("services.agent_http.circuitBreaker.failureThreshold");
        assertThat(problem.message()).isEqualTo("expected a whole number >= 1, found 0");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "maxAttempts: -1          | expected a whole number >= 1, found -1",
            "maxAttempts: 99999999999 | expected a whole number from 1 to 2147483647, found 99999999999",
            "maxAttempts: true        | wrong type: expected a whole number >= 1, found the boolean true",
            "maxAttempts: '3'         | wrong type: expected a whole number >= 1, found the string '3'",
            "maxAttempts: 2.5         | wrong type: expected a whole number >= 1, found the number 2.5",
            "maxAttempts: [3]         | wrong type: expected a whole number >= 1, found a list",
            "maxAttempts:             | wrong type: expected a whole number >= 1, found no value (null)",
            "maxAttempts: 010         | expected a whole number >= 1 written in plain decimal digits, found '010'",
            "multiplier: 0            | expected a number > 0, found 0",
            "multiplier: -1.5         | expected a number > 0, found -1.5",
            "multiplier: '2'          | wrong type: expected a number > 0, found the string '2'",
            "multiplier: .inf         | expected a number > 0 written in decimal, such as 2 or 1.5, found '.inf'",
            "jitter: ful              | unknown jitter 'ful'; did you mean 'full'? Valid values: none, full, equal, decorrelated",
            "jitter: random           | unknown jitter 'random'; valid values: none, full, equal, decorrelated",
            "jitter: 1                | wrong type: expected one of none, full, equal, decorrelated, found the whole number 1",
            "minWait: -1s             | a duration cannot be negative, found '-1s'",
            "minWait: -2              | a duration cannot be negative, found '-2'",
            "minWait: 5 seconds       | expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found '5 seconds'",
            "maxWait: 25h             | a duration can be at most 24h, found '25h'",
            "maxWait: yes             | wrong type: expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found the boolean yes",
            "retryOn: java.io.IOException | wrong type: expected a list of fully qualified exception class names such as [java.io.IOException] (write [] for none), found the string 'java.io.IOException'",
            "retryOn: [IOException]   | 'IOException' is not fully qualified; did you mean 'java.io.IOException'?",
            "abortOn: [MyError]       | 'MyError' is not fully qualified; write it with its package, such as java.io.IOException",
            "abortOn: ['com.x.Not valid'] | 'com.x.Not valid' is not a Java class name; expected a fully qualified exception class name such as java.io.IOException (nested classes use $, as in com.example.Outer$Inner)",
            "abortOn: [1]             | wrong type: expected a fully qualified exception class name such as java.io.IOException, found the whole number 1",
            "retryOnStatus: [600]     | HTTP status 600 is outside 100-599",
            "retryOnStatus: [99]      | HTTP status 99 is outside 100-599",
            "retryOnStatus: ['599-500'] | the range '599-500' runs backwards; write the lower status first, as in \"500-599\"",
            "retryOnStatus: [5xx]     | expected an HTTP status (100-599) or a range such as \"500-599\", found '5xx'",
            "retryOnStatus: [true]    | wrong type: expected an HTTP status (100-599) or a range such as \"500-599\", found the boolean true",
            "retryOnStatus: 503       | wrong type: expected a list of HTTP statuses and ranges such as [408, 429, \"500-599\"] (write [] for none), found the whole number 503",
    })
    void badRetryValuesAreExplained(String entry, String message) {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      " + entry + "\n");

        String key = entry.substring(0, entry.indexOf(':'));
        assertThat(problem.keyPath()).startsWith("services.api.retry." + key);
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "recoveryTimeout: 0       | expected a duration greater than 0, such as 30s, found 0",
            "recoveryTimeout: 0ms     | expected a duration greater than 0, such as 30s, found 0ms",
            "halfOpenMaxCalls: 0      | expected a whole number >= 1, found 0",
            "successThreshold: false  | wrong type: expected a whole number >= 1, found the boolean false",
            "openException: IllegalStateException | 'IllegalStateException' is not fully qualified; did you mean 'java.lang.IllegalStateException'?",
            "openException: [a.B]     | wrong type: expected a fully qualified class name such as java.lang.IllegalStateException, or null, found a list",
    })
    void badBreakerValuesAreExplained(String entry, String message) {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    circuitBreaker:\n      " + entry + "\n");

        assertThat(problem.keyPath()).isEqualTo("services.api.circuitBreaker." + entry.substring(0, entry.indexOf(':')));
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void listItemsHaveTheirIndexInTheKeyPath() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      retryOnStatus: [408, 429, 700]\n");

        assertThat(problem.keyPath()).isEqualTo("services.api.retry.retryOnStatus[2]");
        assertThat(problem.column()).isEqualTo(33);
    }

    @Test
    void wrongTypesForSectionsNameExpectedAndFound() {
        List<ConfigProblem> problems = problems("""
                defaults: [retry]
                services:
                  a: fast
                  b:
                    retry: 3
                methods: "com.example.A.a"
                """);

        assertThat(problems).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("defaults",
                        "wrong type: expected a mapping with retry and/or circuitBreaker, found a list"),
                org.assertj.core.groups.Tuple.tuple("services.a",
                        "wrong type: expected a mapping with retry and/or circuitBreaker, found the string 'fast'"),
                org.assertj.core.groups.Tuple.tuple("services.b.retry",
                        "wrong type: expected a mapping with the keys maxAttempts, minWait, maxWait, multiplier, jitter, "
                                + "retryOn, abortOn, retryOnStatus, statusAccessor, attemptTimeout, budget, found the whole number 3"),
                org.assertj.core.groups.Tuple.tuple("methods",
                        "wrong type: expected a mapping of method patterns to service names, found the string 'com.example.A.a'"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsRejected() {
        ConfigProblem problem = onlyProblem("- services\n- methods\n");

        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.message())
                .isEqualTo("wrong type: expected a mapping with the sections defaults, services and methods, found a list");
    }

    @Test
    void missingServicesSectionIsReported() {
        ConfigProblem problem = onlyProblem("defaults:\n  retry: { maxAttempts: 2 }\n");

        assertThat(problem.keyPath()).isEqualTo("services");
        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.message()).startsWith("missing the required section 'services'");
    }

    @Test
    void minWaitAboveMaxWaitOnAServiceNamesBothValuesAndWhereTheyComeFrom() {
        ConfigProblem problem = onlyProblem("""
                services:
                  api:
                    retry:
                      minWait: 20s
                """);

        assertThat(problem.keyPath()).isEqualTo("services.api.retry");
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.message())
                .isEqualTo("minWait 20s (set here) is greater than maxWait 10s (built-in default); make minWait <= maxWait");
    }

    @Test
    void minWaitAboveMaxWaitAfterMergingDefaultsIsReportedOnTheService() {
        ConfigProblem problem = onlyProblem("""
                defaults:
                  retry: { maxWait: 5s }
                services:
                  ok: {}
                  api:
                    retry: { minWait: 8s }
                """);

        assertThat(problem.keyPath()).isEqualTo("services.api.retry");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).isEqualTo("minWait 8s (set here) is greater than maxWait 5s (from defaults); make minWait <= maxWait");
    }

    @Test
    void minWaitAboveMaxWaitInDefaultsIsReportedOnceOnTheDefaults() {
        ConfigProblem problem = onlyProblem("""
                defaults:
                  retry: { minWait: 2m, maxWait: 1m }
                services:
                  a: {}
                  b: { circuitBreaker: { failureThreshold: 2 } }
                """);

        assertThat(problem.keyPath()).isEqualTo("defaults.retry");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).isEqualTo("minWait 2m (set here) is greater than maxWait 1m (set here); make minWait <= maxWait");
    }

    @Test
    void serviceFixingItsOwnWaitBoundsIsFineEvenWithInconsistentDefaultsElsewhere() throws ConfigException {
        ResilienceConfig config = Yamls.parse("""
                defaults:
                  retry: { minWait: 2s }
                services:
                  api: { retry: { maxWait: 3s } }
                """);

        assertThat(config.services().get("api").retry().minWait()).hasSeconds(2);
        assertThat(config.services().get("api").retry().maxWait()).hasSeconds(3);
    }

    @Test
    void waitBoundsAreNotComparedWhileOneOfThemIsInvalid() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry: { minWait: soon, maxWait: 0.5 }\n");

        assertThat(problem.keyPath()).isEqualTo("services.api.retry.minWait");
    }

    @Test
    void methodNamingAnUndefinedServiceSuggestsTheClosestOne() {
        ConfigProblem problem = onlyProblem("""
                services:
                  claude_api: {}
                  agent_http: {}
                methods:
                  "com.example.claude.ClaudeClient.complete": claude_ap
                """);

        assertThat(problem.keyPath()).isEqualTo("methods.com.example.claude.ClaudeClient.complete");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.column()).isEqualTo(47);
        assertThat(problem.message()).isEqualTo("service 'claude_ap' is not defined under services; did you mean "
                + "'claude_api'? Defined services: claude_api, agent_http");
    }

    @Test
    void methodNamingAnUndefinedServiceWithoutCloseMatchSaysHowToAddIt() {
        ConfigProblem problem = onlyProblem("services:\n  claude_api: {}\nmethods:\n  com.example.A.a: billing\n");

        assertThat(problem.message()).isEqualTo("service 'billing' is not defined under services; add it there "
                + "(billing: {} uses the defaults). Defined services: claude_api");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "justAMethod        | invalid method pattern: expected a fully qualified class name and a method name, such as com.example.Client.call",
            "com.example.A.a(int | invalid method pattern: unbalanced parentheses; write the parameter list as pkg.Class.method(java.lang.String,int)",
            "`com.example.A.a(String, int)` | invalid method pattern: parameter type 'String' has no package; write java.lang.String (parameter types are matched by their fully qualified names)",
            "`com.example.A.a(long, Integer[])` | invalid method pattern: parameter type 'Integer[]' has no package; write java.lang.Integer[] (parameter types are matched by their fully qualified names)",
            "com.example.A.a(Request) | invalid method pattern: parameter type 'Request' has no package; write its fully qualified name, such as com.example.Request (parameter types are matched by their fully qualified names)",
            "com.exa mple.A.a   | invalid method pattern: class name segment 'exa mple' is not valid; use Java identifiers, '$' for nested classes and '*' as a wildcard inside one segment",
            "com.example.A.<init> | invalid method pattern: constructors and static initialisers are never instrumented; name a method the constructor calls, or the application method that creates the object",
            "java.util.List.get | this pattern can never match: JDK classes (java.*, jdk.*, sun.*, the JDK's javax.* and com.sun.* packages) are never instrumented; name the application method that calls this one instead (the JDK methods that can be protected are java.net.http.HttpClient.send and .sendAsync)",
            "javax.net.ssl.SSLSocket.* | this pattern can never match: JDK classes (java.*, jdk.*, sun.*, the JDK's javax.* and com.sun.* packages) are never instrumented; name the application method that calls this one instead (the JDK methods that can be protected are java.net.http.HttpClient.send and .sendAsync)",
            "jdk.internal.net.http.HttpClientImpl.send | this pattern can never match: JDK classes (java.*, jdk.*, sun.*, the JDK's javax.* and com.sun.* packages) are never instrumented; name the application method that calls this one instead (the JDK methods that can be protected are java.net.http.HttpClient.send and .sendAsync)",
            "java.net.http.HttpClient.newHttpClient | this pattern can never match: of the JDK's HTTP client only java.net.http.HttpClient.send and .sendAsync can be protected; name one of those, or the application method that calls the client",
            "com.example.A.lambda$call$0 | this pattern can never match: lambda bodies are never instrumented; name the method that runs the lambda, or the interface method it implements (a pattern naming an interface covers its implementations)",
            "io.resilienceagent.policy.ServiceGuard.enter | this pattern can never match: the agent's own classes are never instrumented",
            "com.example.A$$Lambda.run | this pattern can never match: generated lambda and proxy classes are never instrumented; name the interface method they implement (a pattern naming an interface covers its implementations) or the real class",
    })
    void invalidMethodPatternsAreReportedAtThePattern(String pattern, String message) {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\nmethods:\n  \"" + pattern + "\": api\n");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(3);
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void aParameterTypeWithoutAPackageIsAcceptedForAClassOfTheDefaultPackage() throws Exception {
        ResilienceConfig config = ConfigLoader.parse("services:\n  api: {}\nmethods:\n  \"Api.call(Request, int)\": api\n",
                "test.yaml");

        assertThat(config.methods()).hasSize(1);
    }

    @Test
    void librariesInJavaxAndComSunPackagesAreNotTheJdk() throws ConfigException {
        ResilienceConfig config = ConfigLoader.parse("services:\n  api: {}\nmethods:\n  javax.jms.MessageProducer.send: api\n"
                + "  com.sun.jersey.api.client.WebResource.get: api\n", "test.yaml");

        assertThat(config.methods()).hasSize(2);
    }

    @Test
    void theJdkHttpClientSendIsAValidPattern() throws ConfigException {
        ResilienceConfig config = ConfigLoader.parse("services:\n  api: {}\nmethods:\n  java.net.http.HttpClient.send: api\n", "test.yaml");

        assertThat(config.methods()).extracting(m -> m.pattern().toString()).containsExactly("java.net.http.HttpClient.send");
    }

    @Test
    void aStatusAccessorIsAMethodNameOrAListOfThem() throws ConfigException {
        ResilienceConfig config = ConfigLoader.parse("defaults:\n  retry: { statusAccessor: httpStatus }\nservices:\n"
                + "  a: {}\n  b: { retry: { statusAccessor: [getHttpCode, rawStatus] } }\nmethods: {}\n", "test.yaml");

        assertThat(config.services().get("a").retry().statusAccessors()).containsExactly("httpStatus");
        assertThat(config.services().get("b").retry().statusAccessors()).containsExactly("getHttpCode", "rawStatus");
    }

    @Test
    void aStatusAccessorThatIsNotAMethodNameIsReported() {
        ConfigProblem problem = onlyProblem("services:\n  a: { retry: { statusAccessor: [\"getStatus()\"] } }\n");

        assertThat(problem.keyPath()).isEqualTo("services.a.retry.statusAccessor[0]");
        assertThat(problem.message()).isEqualTo("'getStatus()' is not a method name; name a public no-argument method of "
                + "the response or exception that returns its HTTP status, such as getHttpStatus");
    }

    @Test
    void theSameMethodPatternTwiceIsReported() {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\nmethods:\n  com.example.A.a: api\n  \" com.example.A.a\": api\n");

        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).isEqualTo("the same method pattern as line 4; keep only one of them");
    }

    @Test
    void methodValueMustBeAServiceName() {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\nmethods:\n  com.example.A.a: [api]\n");

        assertThat(problem.message()).isEqualTo("wrong type: expected the name of a service defined under services, found a list");
    }

    @Test
    void serviceNamesAreRestrictedToLogAndJmxSafeCharacters() {
        ConfigProblem problem = onlyProblem("services:\n  \"my api,type=x\": {}\n");

        assertThat(problem.keyPath()).isEqualTo("services.my api,type=x");
        assertThat(problem.message()).startsWith("service name 'my api,type=x' is not valid; use 1 to 100 letters, digits");
    }

    @Test
    void duplicateKeysReportBothLines() {
        ConfigProblem problem = onlyProblem("""
                services:
                  api:
                    retry:
                      maxAttempts: 3
                      minWait: 1s
                      maxAttempts: 4
                """);

        assertThat(problem.keyPath()).isEqualTo("services.api.retry.maxAttempts");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.column()).isEqualTo(7);
        assertThat(problem.message()).isEqualTo("duplicate key 'maxAttempts' (first at line 4); keep only one of them");
    }

    @Test
    void duplicateServicesAndSectionsAreReported() {
        List<ConfigProblem> problems = problems("""
                services:
                  api: {}
                  api: { retry: { maxAttempts: 2 } }
                services: {}
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::keyPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "services.api"),
                org.assertj.core.groups.Tuple.tuple(4, "services"));
    }

    @Test
    void mergeKeysAreNotSupported() {
        ConfigProblem problem = onlyProblem("""
                services:
                  a: &base
                    retry: { maxAttempts: 2 }
                  b:
                    <<: *base
                """);

        assertThat(problem.keyPath()).isEqualTo("services.b.<<");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).isEqualTo("merge keys ('<<') are not supported; write the keys out in full");
    }

    @Test
    void localAndNonCoreTagsAreRejectedAtTheTag() {
        List<ConfigProblem> problems = problems("""
                services:
                  api:
                    retry: { jitter: !foo full }
                    circuitBreaker: { openException: !!binary aGVsbG8= }
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, 22, "the YAML tag '!foo' is not allowed; the config takes plain values only, so remove the tag"),
                org.assertj.core.groups.Tuple.tuple(4, 38, "the YAML tag '!!binary' is not allowed; the config takes plain values only, so remove the tag"));
    }

    @Test
    void allProblemsAreCollectedAndSortedByLine() {
        ConfigException e = failure("""
                methods:
                  com.example.A.a: nope
                services:
                  api:
                    retry: { maxAttempts: 0, jitter: fast }
                    circuitBreaker: { recoveryTimeout: soon }
                defaults:
                  retry: { minWait: x }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(2, 5, 5, 6, 8);
        assertThat(e.problems()).extracting(ConfigProblem::keyPath).containsExactly(
                "methods.com.example.A.a",
                "services.api.retry.maxAttempts",
                "services.api.retry.jitter",
                "services.api.circuitBreaker.recoveryTimeout",
                "defaults.retry.minWait");
        assertThat(e.getMessage()).startsWith("Invalid resilience-agent config test.yaml (5 problems):");
    }

    @Test
    void theMessageListsEachProblemOnItsOwnLineWithPositionAndKey() {
        ConfigException e = failure("""
                services:
                  claude_api:
                    retry:
                      maxAtempts: 3
                  agent_http:
                    circuitBreaker:
                      failureThreshold: 0
                """);

        assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                "Invalid resilience-agent config test.yaml (2 problems):",
                "  test.yaml:4:7: services.claude_api.retry.maxAtempts: unknown key; did you mean 'maxAttempts'? "
                        + "Valid keys: maxAttempts, minWait, maxWait, multiplier, jitter, retryOn, abortOn, retryOnStatus, statusAccessor, "
                        + "attemptTimeout, budget",
                "  test.yaml:7:25: services.agent_http.circuitBreaker.failureThreshold: expected a whole number >= 1, found 0"));
    }

    @Test
    void hugeValuesAndKeysAreNeverEchoedInFull() {
        String longText = "x".repeat(16_000);
        ConfigException e = failure("services:\n  api:\n    retry:\n      jitter: " + longText + "\n      "
                + "y".repeat(500) + ": 1\n");

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage().length()).isLessThan(1_000);
        assertThat(e.getMessage()).contains("'" + "x".repeat(60) + "...'");
    }
}
