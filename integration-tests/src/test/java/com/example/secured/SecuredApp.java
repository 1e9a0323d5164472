package com.example.secured;

import com.example.support.StepRunner;

/**
 * {@code SecuredApp STEP...}, run under a security manager whose policy grants this application's code
 * nothing: each {@code call} step calls {@link SecuredClient#call}.
 */
public final class SecuredApp {
    private SecuredApp() {
    }

    public static void main(String[] args) throws Exception {
        SecuredClient client = new SecuredClient();
        StepRunner.run(args, (op, a, extra) -> client.call());
    }
}
