package com.example.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.example.support.StepRunner;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code AnthropicRecipeApp BASE_URL STEP...}, an application calling the Messages API through the real
 * Anthropic Java SDK: {@code create PREFIX} on a client built with {@code maxRetries(0)} (the SDK's own
 * retries turned off in code), {@code createDefault PREFIX} on a client with the SDK's defaults (two
 * retries of its own). {@code PREFIX} is appended to the base URL, so the server sees
 * {@code PREFIX/v1/messages}. A call prints the message id; {@code attempts} counts the HTTP requests
 * the SDK sent for it ({@link RequestCounter}); a failed call adds the SDK exception's {@code status}.
 */
public final class AnthropicRecipeApp {
    private AnthropicRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Map<String, AnthropicClient> clients = new LinkedHashMap<>();
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            boolean sdkRetries = switch (op) {
                case "create" -> false;
                case "createDefault" -> true;
                default -> throw new IllegalArgumentException("unknown step " + op);
            };
            AnthropicClient client = clients.computeIfAbsent(op + " " + a[0],
                    key -> MessagesClients.build(base + a[0], sdkRetries));
            try {
                return client.messages().create(MessagesClients.HELLO).id();
            } catch (AnthropicServiceException e) {
                extra.put("status", String.valueOf(e.statusCode()));
                throw e;
            }
        });
        clients.values().forEach(AnthropicClient::close);
    }
}
