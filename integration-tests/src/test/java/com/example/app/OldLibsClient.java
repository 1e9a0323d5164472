package com.example.app;

import java.net.ConnectException;
import java.util.Map;

/**
 * A protected method that uses the application's own SnakeYAML: refuses twice (simulated), then parses
 * a YAML document with the {@code org.yaml.snakeyaml.Yaml} on the application's class path. Reflection
 * keeps the library off this module's compile class path; the application's class loader resolves it.
 */
public final class OldLibsClient {
    private int attempts;

    public Object parse(String yaml) throws Exception {
        attempts++;
        if (attempts <= 2) {
            throw new ConnectException("Connection refused (simulated)");
        }
        Object parser = Class.forName("org.yaml.snakeyaml.Yaml").getConstructor().newInstance();
        Map<?, ?> document = (Map<?, ?>) parser.getClass().getMethod("load", String.class).invoke(parser, yaml);
        return document.get("answer");
    }

    public int attempts() {
        return attempts;
    }
}
