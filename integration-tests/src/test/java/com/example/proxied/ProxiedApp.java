package com.example.proxied;

import com.example.support.StepRunner;
import java.lang.reflect.Proxy;
import java.net.ConnectException;

/**
 * {@code ProxiedApp STEP...}: {@link QuoteApi} implemented by a JDK dynamic proxy whose handler fails
 * with a transient failure on its first call; each {@code quote} step calls it.
 */
public final class ProxiedApp {
    private ProxiedApp() {
    }

    public static void main(String[] args) throws Exception {
        QuoteApi api = (QuoteApi) Proxy.newProxyInstance(QuoteApi.class.getClassLoader(), new Class<?>[] {QuoteApi.class},
                (proxy, method, params) -> {
                    if (!method.getName().equals("quote")) {
                        return method.invoke(new Object(), params);
                    }
                    if (StepRunner.BODY.incrementAndGet() == 1 && Boolean.getBoolean("fail.first")) {
                        throw new ConnectException("refused");
                    }
                    return "quote-" + params[0];
                });
        StepRunner.run(args, (op, a, extra) -> api.quote(Integer.parseInt(a[0])));
    }
}
