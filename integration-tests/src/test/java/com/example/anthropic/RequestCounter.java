package com.example.anthropic;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.core.http.Interceptor;
import com.example.support.StepRunner;
import java.util.concurrent.CompletableFuture;

/**
 * Counts every HTTP request the SDK sends (its interceptors sit below its own retry loop, so each of
 * the SDK's attempts passes here once) into {@link StepRunner#BODY}.
 */
public final class RequestCounter implements Interceptor {
    @Override
    public HttpClient intercept(HttpClient next) {
        return new HttpClient() {
            @Override
            public HttpResponse execute(HttpRequest request, RequestOptions options) {
                StepRunner.BODY.incrementAndGet();
                return next.execute(request, options);
            }

            @Override
            public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
                StepRunner.BODY.incrementAndGet();
                return next.executeAsync(request, options);
            }

            @Override
            public void close() {
                next.close();
            }
        };
    }
}
