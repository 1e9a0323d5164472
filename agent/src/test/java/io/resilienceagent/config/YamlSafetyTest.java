package io.resilienceagent.config;

import static io.resilienceagent.config.Yamls.failure;
import static io.resilienceagent.config.Yamls.onlyProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class YamlSafetyTest {

    @Test
    @Timeout(5)
    void billionLaughsAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("services: {}\nlol0: &lol0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append("*lol").append(level - 1);
            }
            yaml.append("]\n");
        }

        ConfigProblem problem = onlyProblem(yaml.toString());

        assertThat(problem.message()).startsWith("more than 20 aliases (*name) refer to lists or mappings; "
                + "this looks like an alias bomb");
        assertThat(problem.line()).isEqualTo(5);
    }

    @Test
    @Timeout(5)
    void aFewAliasesToTheSameListAreFine() throws ConfigException {
        ResilienceConfig config = Yamls.parse("""
                services:
                  a: { retry: { retryOnStatus: &statuses [503, "520-530"] } }
                  b: { retry: { retryOnStatus: *statuses } }
                  c: { retry: { retryOnStatus: *statuses } }
                """);

        assertThat(config.services().get("c").retry().retryOnStatus().contains(525)).isTrue();
    }

    @Test
    @Timeout(5)
    void aRecursiveAliasEndsInProblemsNotInAHang() {
        ConfigException e = failure("""
                defaults: &d
                  retry: *d
                services: {}
                """);

        assertThat(e.problems()).extracting(ConfigProblem::keyPath).contains("defaults.retry.retry");
    }

    @Test
    void scriptEngineGadgetIsRefusedAndNothingIsConstructed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            List<ConfigProblem> problems = Yamls.problems("services:\n  api: {}\nevil: !!javax.script.ScriptEngineManager "
                    + "[!!java.net.URLClassLoader [[!!java.net.URL [\"" + url + "\"]]]]\n");

            assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::keyPath, ConfigProblem::message)
                    .contains(org.assertj.core.groups.Tuple.tuple(3, 7, "evil", "the YAML tag '!!javax.script.ScriptEngineManager' "
                            + "is not allowed: tags that create Java objects are refused; write a plain value without a tag"),
                            org.assertj.core.groups.Tuple.tuple(3, 71, "evil[0][0][0]", "the YAML tag '!!java.net.URL' "
                            + "is not allowed: tags that create Java objects are refused; write a plain value without a tag"));
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void aConfigWrittenAsOneLineOfJsonWithHundredsOfPatternsIsRead() throws ConfigException {
        StringBuilder json = new StringBuilder("{\"services\":{\"api\":{}},\"methods\":{");
        for (int i = 0; i < 800; i++) {
            json.append(i == 0 ? "" : ",").append("\"com.example.client.C").append(i).append(".call\":\"api\"");
        }
        String line = json.append("}}\n").toString();

        assertThat(line.length()).as("one long line").isGreaterThan(20_000);
        assertThat(ConfigLoader.parse(line, "generated.json").methods()).hasSize(800);
    }

    @Test
    void aTagNamingAClassHidesNoOtherProblem() {
        List<ConfigProblem> problems = Yamls.problems("services:\n  api: { retry: { maxAtempts: 2 } }\n"
                + "  b: !foo {}\nf: !!java.net.URL {}\n");

        assertThat(problems).extracting(ConfigProblem::keyPath).containsExactlyInAnyOrder(
                "services.api.retry.maxAtempts", "services.b", "f", "f");
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(message -> assertThat(message)
                .isEqualTo("the YAML tag '!!java.net.URL' is not allowed: tags that create Java objects are refused; "
                        + "write a plain value without a tag"));
    }

    @Test
    void globalTagInAKnownPositionIsRefusedToo() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry: { maxAttempts: !!java.lang.ProcessBuilder [id] }\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("'!!java.lang.ProcessBuilder' is not allowed");
    }

    @Test
    @Timeout(5)
    void nestingDeeperThanFiftyLevelsIsRefused() {
        ConfigProblem problem = onlyProblem("services: {}\nx: " + "[".repeat(60) + "]".repeat(60) + "\n");

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("lists and mappings are nested more than 50 levels deep");
    }

    @Test
    @Timeout(5)
    void aFileOfCountlessTinyValuesIsRefusedBeforeItTakesMuchMemory() {
        String yaml = "services: {}\nx: [" + "1, ".repeat(5).repeat(40_000) + "1]\n";

        ConfigProblem problem = onlyProblem(yaml.replace("1, 1, 1, 1, 1, ", "1, 1, 1, 1, 1,\n"));

        assertThat(problem.line()).isEqualTo(2 + 99_995 / 5);
        assertThat(problem.message()).startsWith("the document has more than 100000 values");
    }

    @Test
    void aSecondDocumentIsRefusedAtItsStart() {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\n---\nservices:\n  other: {}\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.message()).startsWith("a second YAML document starts here; the config must be one document");
    }

    @Test
    void anExplicitDocumentEndMarkerIsFine() throws ConfigException {
        assertThat(Yamls.parse("---\nservices:\n  api: {}\n...\n").services()).containsOnlyKeys("api");
    }

    @Test
    void syntaxErrorsPointAtTheProblem() {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\n    retry: 3\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.keyPath()).isEmpty();
        assertThat(problem.message()).isEqualTo("YAML syntax error: the indentation does not match the lines above; "
                + "indent the keys of one mapping by the same number of spaces "
                + "[expected <block end>, but found '<block mapping start>' (while parsing a block mapping)]");
    }

    @Test
    void tabsUsedForIndentationAreASyntaxError() {
        ConfigProblem problem = onlyProblem("services:\n\tapi: {}\n");

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("YAML syntax error: a tab character cannot indent YAML; use spaces [found character");
    }

    @Test
    void unclosedQuoteAndUndefinedAliasGetPlainHints() {
        assertThat(onlyProblem("services:\n  api: {}\nmethods:\n  \"com.example.A.a: api\n").message())
                .startsWith("YAML syntax error: a quoted value is not closed; add the closing quote [");
        assertThat(onlyProblem("services:\n  api: { retry: *std }\n").message())
                .startsWith("YAML syntax error: an alias (*name) refers to an anchor (&name) that is not defined before it [");
    }

    @Test
    void controlCharactersAreRefusedWithTheirPosition() {
        ConfigProblem problem = onlyProblem("services:\n  api: {}\nx: a\u0001b\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.message()).startsWith("the file contains the character U+0001, which YAML does not allow");
    }

    @Test
    void textLargerThanTheLimitIsRefusedBeforeParsing() {
        ConfigException e = failure("#".repeat(ConfigLoader.MAX_FILE_BYTES + 1));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.hasPosition()).isFalse();
            assertThat(p.message()).contains("1 MiB");
        });
    }
}
