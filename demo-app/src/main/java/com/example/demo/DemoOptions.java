package com.example.demo;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The demo's command line: where to send the calls, and how long the breakers stay open. */
record DemoOptions(Optional<URI> endpoint, Duration recoveryWait, boolean help) {

    static final String USAGE = """
            usage: java [-javaagent:resilience-agent.jar=config=resilience.yaml] -jar demo-app.jar [options]
              --endpoint URL           call URL/v1/complete and URL/tools/weather instead of
                                       starting the built-in flaky service
              --recovery-wait SECONDS  the breakers' recoveryTimeout in resilience.yaml (default 3)
              --help                   show this message""";

    private static final Duration DEFAULT_RECOVERY_WAIT = Duration.ofSeconds(3);

    /** @throws IllegalArgumentException for an unknown option or a bad value */
    static DemoOptions parse(String... args) {
        Optional<URI> endpoint = Optional.empty();
        Duration recoveryWait = DEFAULT_RECOVERY_WAIT;
        boolean help = false;
        Deque<String> rest = splitAtEquals(args);
        while (!rest.isEmpty()) {
            String option = rest.poll();
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--endpoint" -> endpoint = Optional.of(url(valueOf(option, rest)));
                case "--recovery-wait" -> recoveryWait = seconds(valueOf(option, rest));
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        return new DemoOptions(endpoint, recoveryWait, help);
    }

    private static Deque<String> splitAtEquals(String[] args) {
        Deque<String> words = new ArrayDeque<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                words.add(arg.substring(0, equals));
                words.add(arg.substring(equals + 1));
            } else {
                words.add(arg);
            }
        }
        return words;
    }

    private static String valueOf(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.poll();
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--endpoint needs an http or https URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--endpoint is not a URL: " + text, e);
        }
    }

    private static Duration seconds(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds >= 0 && seconds < 3600)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--recovery-wait needs a number of seconds: " + text, e);
        }
    }
}
