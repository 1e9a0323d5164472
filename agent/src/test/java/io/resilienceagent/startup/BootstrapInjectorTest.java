package io.resilienceagent.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Dispatcher;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapInjectorTest {
    @Test
    void injectsEveryClassOfTheBootstrapPackageAndTheOpenException() throws IOException, URISyntaxException {
        Path classes = Path.of(Dispatcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> expected = new ArrayList<>();
        expected.add(CircuitBreakerOpenException.class.getName());
        try (Stream<Path> files = Files.list(classes.resolve("io/resilienceagent/bootstrap"))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> "io.resilienceagent.bootstrap." + n.substring(0, n.length() - ".class".length()))
                    .forEach(expected::add);
        }

        assertThat(BootstrapInjector.BOOTSTRAP_CLASSES).containsExactlyInAnyOrderElementsOf(expected);
    }
}
