package com.example.async.anthropic;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.errors.AnthropicServiceException;
import com.example.anthropic.MessagesClients;
import com.example.anthropic.RequestCounter;
import com.example.support.StepRunner;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code AsyncMessagesApp BASE_URL STEP...}: an application calling the Messages API through the real
 * Anthropic Java SDK's async client ({@code AnthropicOkHttpClientAsync}, {@code client.messages().create}
 * returns a {@code CompletableFuture}), with the SDK's own retries off ({@code maxRetries(0)}).
 * {@code create PREFIX} (the server sees {@code PREFIX/v1/messages}) prints the message id; {@code attempts}
 * counts the HTTP requests the SDK sent ({@link RequestCounter}), {@code type} is the future's class; a
 * failed call adds {@code status}, from the SDK exception that {@code get()} reports as its cause.
 */
public final class AsyncMessagesApp {
    private AsyncMessagesApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            if (!op.equals("create")) {
                throw new IllegalArgumentException("unknown step " + op);
            }
            AnthropicClientAsync client = AnthropicOkHttpClientAsync.builder()
                    .baseUrl(base + a[0])
                    .apiKey("test-key")
                    .maxRetries(0)
                    .addInterceptor(new RequestCounter())
                    .build();
            try {
                CompletableFuture<?> future = client.messages().create(MessagesClients.HELLO);
                extra.put("type", future.getClass().getName());
                return ((com.anthropic.models.messages.Message) future.get(30, TimeUnit.SECONDS)).id();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AnthropicServiceException sdk) {
                    extra.put("status", String.valueOf(sdk.statusCode()));
                }
                throw e;
            } finally {
                client.close();
            }
        });
    }
}
