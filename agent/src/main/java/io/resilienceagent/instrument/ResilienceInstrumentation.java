package io.resilienceagent.instrument;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.policy.ServiceRegistry;
import java.security.ProtectionDomain;
import java.util.Optional;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Wraps every covered method in the engine's attempt loop. Enter advice asks the method's
 * {@link io.resilienceagent.bootstrap.CallHandler} to admit the call; exit advice reports each
 * attempt's outcome and re-runs the method body ({@code repeatOn}) while the engine asks for another
 * attempt. Each method gets its id as a constant, so advice finds its handler with one array read.
 *
 * <p>The advice only rewrites method bodies, so the same transformation serves classes loaded before
 * the agent (retransformation). Advice code references nothing but {@link Dispatcher}, which is on
 * the bootstrap class path.
 */
final class ResilienceInstrumentation implements AgentBuilder.Transformer {
    private final MethodSelector selector;
    private final ServiceRegistry registry;

    ResilienceInstrumentation(MethodSelector selector, ServiceRegistry registry) {
        this.selector = selector;
        this.registry = registry;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader classLoader, JavaModule module, ProtectionDomain protectionDomain) {
        DynamicType.Builder<?> result = builder;
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            Optional<MethodMapping> mapping = selector.mappingFor(type, method);
            if (mapping.isEmpty()) {
                continue;
            }
            int id = registry.bind(MethodSelector.displayName(type, method), mapping.get().service(), classLoader);
            Class<?> advice = method.getReturnType().isPrimitive() ? PrimitiveResultAdvice.class : ObjectResultAdvice.class;
            result = result.visit(Advice.withCustomMapping()
                    .bind(MethodId.class, id)
                    .to(advice)
                    .on(ElementMatchers.is(method)));
        }
        return result;
    }

    /** For methods returning an object, whose status (an HTTP response, say) may mark a failure. */
    public static final class ObjectResultAdvice {
        private ObjectResultAdvice() {
        }

        @Advice.OnMethodEnter
        public static void enter(@MethodId int id, @Advice.Local("admission") Object admission) {
            admission = Dispatcher.enter(id);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class)
        public static boolean exit(@MethodId int id,
                @Advice.Local("admission") Object admission,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            Object next = Dispatcher.exit(id, admission, returned, thrown);
            if (next == null) {
                return false;
            }
            if (next instanceof Throwable) {
                thrown = (Throwable) next;
                return false;
            }
            admission = next;
            return true;
        }
    }

    /** For void and primitive methods: only exceptions can fail them, and no result is boxed. */
    public static final class PrimitiveResultAdvice {
        private PrimitiveResultAdvice() {
        }

        @Advice.OnMethodEnter
        public static void enter(@MethodId int id, @Advice.Local("admission") Object admission) {
            admission = Dispatcher.enter(id);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class)
        public static boolean exit(@MethodId int id,
                @Advice.Local("admission") Object admission,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            Object next = Dispatcher.exit(id, admission, null, thrown);
            if (next == null) {
                return false;
            }
            if (next instanceof Throwable) {
                thrown = (Throwable) next;
                return false;
            }
            admission = next;
            return true;
        }
    }
}
