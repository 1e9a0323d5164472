package io.resilienceagent.instrument;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.policy.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites the covered methods of one class so that each runs in the engine's attempt loop. Enter
 * advice asks the method's {@link io.resilienceagent.bootstrap.CallHandler} to admit the call; exit
 * advice reports each attempt's outcome and re-runs the method body ({@code repeatOn}) while the
 * engine asks for another attempt. Each method gets its id as a constant, so advice finds its handler
 * with one array read.
 *
 * <p>Only method bodies change (no new members, no class-format changes), so the same rewrite serves
 * classes loaded before the agent (retransformation). Advice code references nothing but
 * {@link Dispatcher}, which is on the bootstrap class path.
 */
final class ResilienceInstrumentation {
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final ServiceRegistry registry;
    private final MethodSelector selector;

    ResilienceInstrumentation(ServiceRegistry registry, MethodSelector selector) {
        this.registry = registry;
        this.selector = selector;
    }

    /**
     * Rewrites {@code classFile}.
     *
     * @return the new class file, or null when no declared method is covered
     */
    byte[] instrument(String className, byte[] classFile, ClassLoader loader, List<MethodMapping> covering) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(className, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        List<Runnable> onSuccess = new ArrayList<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            Optional<MethodMapping> mapping = MethodSelector.mappingFor(covering, method);
            if (mapping.isEmpty()) {
                continue;
            }
            int id = registry.bind(MethodSelector.displayName(type, method), mapping.get().service(), loader);
            Class<?> advice = method.getReturnType().isPrimitive() ? PrimitiveResultAdvice.class : ObjectResultAdvice.class;
            builder = builder.visit(Advice.withCustomMapping()
                    .bind(MethodId.class, id)
                    .to(advice)
                    .on(ElementMatchers.is(method)));
            String signature = MethodSelector.signature(type, method);
            onSuccess.add(() -> {
                selector.markMatched(mapping.get());
                registry.recordInstrumented(signature);
            });
        }
        if (onSuccess.isEmpty()) {
            return null;
        }
        byte[] transformed = builder.make(pool).getBytes();
        onSuccess.forEach(Runnable::run);
        return transformed;
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
