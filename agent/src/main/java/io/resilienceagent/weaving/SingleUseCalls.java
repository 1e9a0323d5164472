package io.resilienceagent.weaving;

/**
 * Methods of known clients that can run only once on the same object: a retry, which runs the method
 * again on the same receiver, would fail where the first attempt's outcome was what the caller should
 * get (OkHttp's {@code Call.execute} throws {@code IllegalStateException: Already Executed}). Such a
 * method is protected by its breaker but never retried, with one WARN line saying which method to name
 * instead.
 */
final class SingleUseCalls {
    /** Implementing class (internal name), method and descriptor, and what the WARN line says of it. */
    private static final String[][] KNOWN = {
            {"okhttp3/internal/connection/RealCall", "execute()Lokhttp3/Response;",
                    "an okhttp3.Call runs only once (a retry fails with \"Already Executed\")"},
            {"okhttp3/RealCall", "execute()Lokhttp3/Response;",
                    "an okhttp3.Call runs only once (a retry fails with \"Already Executed\")"},
            {"retrofit2/OkHttpCall", "execute()Lretrofit2/Response;",
                    "a retrofit2.Call runs only once (a retry fails with \"Already executed.\")"},
    };

    private SingleUseCalls() {
    }

    /** Why {@code method} of {@code internalName} can run only once, or null for a method that can be retried. */
    static String reason(String internalName, MethodInfo method) {
        for (String[] known : KNOWN) {
            if (known[0].equals(internalName) && known[1].equals(method.key())) {
                return known[2];
            }
        }
        return null;
    }

    /** The WARN line for a single-use method, named as JMX lists it. */
    static String warning(String signature, String reason) {
        return "Not retrying " + signature + ": " + reason + ", so it is protected by its breaker only. To retry, "
                + "name the application method that creates the call and executes it";
    }
}
