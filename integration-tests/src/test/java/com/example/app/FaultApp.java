package com.example.app;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import javax.management.ObjectName;

/**
 * Faults inside the agent or in what it instruments: a class it cannot transform, values and
 * exceptions whose accessors throw, open exceptions that cannot be built. No resilience code.
 *
 * <pre>
 * java -javaagent:... -jar launcher.jar STEP...    (class path: test-classes and generated classes)
 * </pre>
 *
 * Steps: {@code huge SEED} (calls the generated {@code com.example.generated.HugeMethod.compute(SEED)}
 * by reflection: it is compiled at test time), {@code flaky}, {@code exploding-status}, {@code status-bomb},
 * {@code poisoned-cause}, {@code ctor-bomb}, {@code init-bomb}, {@code leaky MODE}, {@code optional MODE}
 * ({@link FaultClient}),
 * {@code sleep MS}, {@code instrumented} (prints {@code INSTRUMENTED ...} from the agent MXBean). Each call
 * prints a line in {@link HttpApp}'s {@code RESULT} format.
 */
public final class FaultApp {
    private static final FaultClient CLIENT = new FaultClient();

    private FaultApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN STARTED");
        int call = 0;
        for (String arg : args) {
            String[] step = arg.split(" ", 2);
            String op = step[0];
            String rest = step.length > 1 ? step[1] : "";
            if (op.equals("sleep")) {
                Thread.sleep(Long.parseLong(rest));
                continue;
            }
            if (op.equals("instrumented")) {
                instrumented();
                continue;
            }
            call++;
            FaultClient.attempts = 0;
            int[] attempts = {-1};
            Object value = null;
            Throwable thrown = null;
            try {
                value = dispatch(op, rest, attempts);
            } catch (Throwable t) {
                thrown = t;
            }
            StringBuilder line = new StringBuilder("RESULT call=").append(call).append(" op=").append(op)
                    .append(" outcome=").append(thrown == null ? "OK" : "THROWN")
                    .append(" attempts=").append(attempts[0] >= 0 ? attempts[0] : FaultClient.attempts)
                    .append(" elapsedMs=0");
            if (thrown == null) {
                line.append(" value=").append(value);
            } else {
                line.append(" class=").append(thrown.getClass().getName()).append(" causes=").append(cause(thrown))
                        .append(" message=").append(thrown.getMessage());
            }
            System.out.println(line);
            System.out.flush();
        }
        System.out.println("MAIN DONE");
    }

    private static Object dispatch(String op, String rest, int[] attempts) throws Throwable {
        return switch (op) {
            case "huge" -> huge(Integer.parseInt(rest), attempts);
            case "flaky" -> CLIENT.flaky();
            case "exploding-status" -> CLIENT.explodingStatus();
            case "status-bomb" -> CLIENT.throwStatusBomb();
            case "poisoned-cause" -> CLIENT.poisonedCause();
            case "ctor-bomb" -> CLIENT.ctorBomb();
            case "init-bomb" -> CLIENT.initBomb();
            case "leaky" -> CLIENT.leaky(rest);
            case "optional" -> CLIENT.optional(rest);
            default -> throw new IllegalStateException("unknown op " + op);
        };
    }

    private static Object huge(int seed, int[] attempts) throws Throwable {
        Class<?> type = Class.forName("com.example.generated.HugeMethod");
        try {
            return type.getMethod("compute", int.class).invoke(null, seed);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            attempts[0] = (int) type.getMethod("attempts").invoke(null);
        }
    }

    /** The direct cause's class name, {@code -} if none; survives a {@code getCause()} that throws. */
    private static String cause(Throwable t) {
        try {
            Throwable cause = t.getCause();
            return cause == null ? "-" : cause.getClass().getName();
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    private static void instrumented() throws Exception {
        ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");
        var server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("INSTRUMENTED " + String.join(" ", (String[]) server.getAttribute(agent, "InstrumentedMethods")));
    }
}
