package com.example.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;

/** Builds the SDK clients the recipe application uses, as an application would. */
public final class MessagesClients {
    /** One small request; the recipe is about the call, not its content. */
    public static final MessageCreateParams HELLO = MessageCreateParams.builder()
            .model("claude-sonnet-4-5")
            .maxTokens(16)
            .addUserMessage("Hello")
            .build();

    private MessagesClients() {
    }

    /** A client for {@code baseUrl}; with {@code sdkRetries} false its own retries are off ({@code maxRetries(0)}). */
    static AnthropicClient build(String baseUrl, boolean sdkRetries) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey("test-key")
                .addInterceptor(new RequestCounter());
        if (!sdkRetries) {
            builder.maxRetries(0);
        }
        return builder.build();
    }
}
