package com.example.springproxy;

import com.example.support.StepRunner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.interceptor.AsyncExecutionInterceptor;

/**
 * {@code SpringProxyApp STEP...}: beans behind Spring's real CGLIB proxies (Spring AOP's
 * {@code ProxyFactory}, as Spring's container makes them for {@code @Transactional}, {@code @Async} or a
 * scoped bean). {@code fetch FAILS} calls {@link ApiService#fetch} through its proxy, the body failing
 * {@code FAILS} times first; {@code async FAILS} calls {@link AsyncApi#fetchAsync} through a proxy that
 * runs it on an executor ({@code AsyncExecutionInterceptor}, what {@code @Async} uses) and waits;
 * {@code objectMethods} calls the proxy's {@code hashCode}, {@code toString} and {@code Advised} methods.
 */
public final class SpringProxyApp {
    private SpringProxyApp() {
    }

    public static void main(String[] args) throws Exception {
        ProxyFactory plain = new ProxyFactory(new ApiService());
        plain.setProxyTargetClass(true);
        ApiService api = (ApiService) plain.getProxy();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ProxyFactory async = new ProxyFactory(new AsyncApiService());
        async.setProxyTargetClass(true);
        async.addAdvice(new AsyncExecutionInterceptor(executor));
        AsyncApi asyncApi = (AsyncApi) async.getProxy();
        System.out.println("PROXY CLASSES " + api.getClass().getName() + " " + asyncApi.getClass().getName());
        StepRunner.run(args, (op, a, extra) -> {
            switch (op) {
                case "fetch":
                    ApiService.failuresLeft = Integer.parseInt(a[0]);
                    return api.fetch("x");
                case "async":
                    ApiService.failuresLeft = Integer.parseInt(a[0]);
                    try {
                        return asyncApi.fetchAsync("x").join();
                    } catch (CompletionException e) {
                        throw e.getCause();
                    }
                case "objectMethods":
                    return api.hashCode() == System.identityHashCode(api) ? "same" : "hashed"
                            + (api.toString().isEmpty() ? "" : " described")
                            + (((Advised) api).getTargetSource() == null ? "" : " advised");
                default:
                    throw new IllegalArgumentException("unknown step " + op);
            }
        });
        executor.shutdown();
    }
}
