package com.example.nested;

import com.example.support.StepRunner;

/**
 * {@code NestedApp BASE_URL STEP...}: {@code create PATH} calls {@link Messages#create(String)} (the
 * default method, which calls the implementation), {@code sleep MS}.
 */
public final class NestedApp {
    private NestedApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Messages messages = new MessagesImpl();
        String[] steps = java.util.Arrays.copyOfRange(args, 1, args.length);
        StepRunner.run(steps, (op, a, extra) -> messages.create(base + a[0]));
    }
}
