package com.example.lambda;

import com.example.support.StepRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code LambdaApp STEP...}: {@link QuoteSource} implemented four ways, each made at start: {@code class N}
 * calls a class implementing it, {@code lambda N} a lambda, {@code reference N} a method reference and
 * {@code proxy N} a JDK dynamic proxy. Every call's first attempt fails with a transient failure, so a
 * protected call takes two attempts and an unprotected one throws. With {@code -Dlambda.await=true} it
 * prints {@code READY} once they are made and waits for a line on stdin before the calls (for the agent
 * to be attached meanwhile), and for another before it exits.
 */
public final class LambdaApp {
    private LambdaApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, QuoteSource> sources = Map.of(
                "class", new ClassSource(),
                "lambda", n -> body(n),
                "reference", LambdaApp::body,
                "proxy", (QuoteSource) Proxy.newProxyInstance(QuoteSource.class.getClassLoader(), new Class<?>[] {QuoteSource.class},
                        (proxy, method, params) -> method.getName().equals("quote") ? body((Integer) params[0])
                                : method.invoke(new Object(), params)));
        boolean await = Boolean.getBoolean("lambda.await");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (await) {
            System.out.println("READY");
            System.out.flush();
            stdin.readLine();
        }
        StepRunner.run(args, (op, a, extra) -> sources.get(op).quote(Integer.parseInt(a[0])));
        if (await) {
            stdin.readLine(); // quit
        }
    }

    static String body(int n) throws ConnectException {
        if (StepRunner.BODY.incrementAndGet() == 1) {
            throw new ConnectException("refused");
        }
        return "quote-" + n;
    }

    /** A class implementing the interface, which the pattern covers. */
    static final class ClassSource implements QuoteSource {
        @Override
        public String quote(int n) throws ConnectException {
            return body(n);
        }
    }
}
