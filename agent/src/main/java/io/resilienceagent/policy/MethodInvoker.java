package io.resilienceagent.policy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an instrumented method again, for a retry of an async call: exactly that method of its class
 * ({@code invokespecial} semantics, so an override in a subclass is not run instead), on the same
 * receiver, with the original arguments. The handle is found once per class (a {@link ClassValue}, so
 * it goes with the class and holds no class loader alive).
 */
final class MethodInvoker {
    private final String name;
    private final String descriptor;
    private final boolean isStatic;
    private final ClassValue<MethodHandle> handles = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> owner) {
            try {
                return find(owner);
            } catch (SecurityException denied) {
                // a security manager denying the application's code on the stack what finding the method asks
                try {
                    return Privileged.run(new java.security.PrivilegedAction<MethodHandle>() {
                        @Override
                        public MethodHandle run() {
                            return find(owner);
                        }
                    });
                } catch (SecurityException stillDenied) {
                    throw new CannotRun("cannot run " + owner.getName() + "." + name + " again: " + stillDenied, stillDenied);
                }
            }
        }
    };

    private MethodHandle find(Class<?> owner) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            MethodType type = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader());
            MethodHandle handle = isStatic ? lookup.findStatic(owner, name, type) : lookup.findSpecial(owner, name, type, owner);
            // a varargs method's handle would take the argument array for one more vararg and wrap it again
            return handle.asFixedArity();
        } catch (SecurityException denied) {
            throw denied;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CannotRun("cannot run " + owner.getName() + "." + name + " again: " + e, e);
        }
    }

    MethodInvoker(String name, String descriptor, boolean isStatic) {
        this.name = name;
        this.descriptor = descriptor;
        this.isStatic = isStatic;
    }

    /** The method could not be found to run it again: nothing of it ran. */
    static final class CannotRun extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CannotRun(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether {@code other} runs a method of the same name and descriptor. */
    boolean isSameMethodAs(MethodInvoker other) {
        return name.equals(other.name) && descriptor.equals(other.descriptor) && isStatic == other.isStatic;
    }

    /** Calls the method of {@code owner} on {@code receiver} (ignored for a static method) with {@code arguments}. */
    Object invoke(Class<?> owner, Object receiver, Object[] arguments) throws Throwable {
        List<Object> all = new ArrayList<>(arguments.length + 1);
        if (!isStatic) {
            all.add(receiver);
        }
        for (Object argument : arguments) {
            all.add(argument);
        }
        return handles.get(owner).invokeWithArguments(all);
    }
}
