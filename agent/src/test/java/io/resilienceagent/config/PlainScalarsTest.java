package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The hand-written resolution of plain scalars against SnakeYAML's own resolver, which it replaces. */
class PlainScalarsTest {
    private static final Resolver SNAKEYAML = new Resolver();

    @Test
    void resolvesTheFormsOfEachTypeAsSnakeYamlDoes() {
        List<String> samples = List.of("", " ", "~", "null", "Null", "NULL", "nULL", "true", "False", "yes", "On", "OFF",
                "y", "n", "no", "NO", "0", "-0", "+12", "1_000", "0b1010", "0b_1", "0777", "0x1F", "0x_f", "190:20:30",
                "1.5", "-1.5e3", "1e3", "1E+3", ".5", "-.5e-2", "1.", "._1", ".inf", "-.Inf", ".NaN", "+.nan", "1:20.5",
                "2026-11-29", "2026-1-2 3:04:05", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 Z", "<<",
                "<", "!", "&", "*", "250ms", "1.5s", "3x", "0x", "0b2", "08", "0.5.5", "12:60", "e3", "-", "+", ".",
                "services", "retry", "Yes!", "x".repeat(11), "1".repeat(1025), "1".repeat(1024), "2026-11-29" + " ".repeat(41));
        for (String value : samples) {
            assertThat(PlainScalars.tagOf(value).value()).as("'%s'", value)
                    .isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, true).getValue());
        }
    }

    @Test
    void agreesWithSnakeYamlOnRandomTexts() {
        Random random = new Random(20261129);
        String alphabet = "0123456789_.:-+eExXbB ToOnNyYlLuUaAfFsS~<!&*Z\t";
        for (int run = 0; run < 50_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();

            assertThat(PlainScalars.tagOf(value).value()).as("'%s'", value)
                    .isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, true).getValue());
        }
    }
}
