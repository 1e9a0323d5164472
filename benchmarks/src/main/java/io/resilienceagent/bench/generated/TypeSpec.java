package io.resilienceagent.bench.generated;

import java.util.List;

/**
 * One type of the generated application, as {@link ClassBytes} writes it.
 *
 * @param name binary name ({@code com.acme.orders.client.InvoiceClient}, {@code Outer$Builder})
 * @param superName binary name of the superclass; {@code java.lang.Object} for interfaces too
 * @param related for an {@link Kind#OUTER} class its nested class, for a {@link Kind#NESTED} class its
 *     outer class, otherwise null
 */
record TypeSpec(String name, Kind kind, String superName, List<String> interfaces, List<MethodSpec> methods,
        String related) {

    /** What sort of type it is; decides its access flags, fields and attributes. */
    enum Kind { INTERFACE, ABSTRACT, PLAIN, IMPLEMENTS, EXTENDS, OUTER, NESTED }

    /** The shapes of method bodies the generator can write; none needs a branch (so no stack map frames). */
    enum Shape {
        /** {@code abstract String m(String)}. */
        ABSTRACT_TEXT,
        /** {@code abstract int m(int)}. */
        ABSTRACT_NUMBER,
        /** {@code String m(String)}: the type's first abstract text method applied twice (an interface default). */
        DEFAULT_TEXT,
        /** {@code String m(String)}: the type's first abstract text method applied once (a template method). */
        TEMPLATE,
        /** {@code String m(String)}: {@code label.concat(arg)}. */
        TEXT,
        /** {@code int m(int)}: {@code arg * 31 + SEED}. */
        NUMBER,
        /** {@code String m(String) throws IOException}: first call fails when armed, see {@code FirstCallFails}. */
        FLAKY,
        /** {@code String m()}: returns {@code label}. */
        GETTER,
        /** {@code String toString()}. */
        TO_STRING,
        /** {@code static Outer m()}: a nested class's factory of its outer class. */
        FACTORY
    }

    /** A method: its name and the shape of its body. */
    record MethodSpec(String name, Shape shape) {
    }

    String internalName() {
        return name.replace('.', '/');
    }

    String simpleName() {
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }
}
