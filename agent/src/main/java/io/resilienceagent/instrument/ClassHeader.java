package io.resilienceagent.instrument;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The few facts the transformer needs before deciding to weave a class: a class's name, access
 * flags, superclass and interfaces, read straight from the class file's header. Reading them costs a
 * pass over the constant pool, with no class loading, so every class the JVM loads can be checked.
 *
 * @param name internal name, slashes and {@code $} ({@code com/example/Outer$Inner})
 * @param superName internal name of the superclass, null for {@code java.lang.Object} and modules
 * @param interfaces internal names of the directly implemented interfaces
 */
record ClassHeader(String name, int access, String superName, List<String> interfaces) {
    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_MODULE = 0x8000;
    private static final int MAGIC = 0xCAFEBABE;

    boolean isInterface() {
        return (access & ACC_INTERFACE) != 0;
    }

    boolean isAbstractType() {
        return (access & (ACC_INTERFACE | ACC_ABSTRACT)) != 0;
    }

    boolean isAnnotationOrModule() {
        return (access & (ACC_ANNOTATION | ACC_MODULE)) != 0;
    }

    /** Parses the header; empty for anything that is not a well-formed class file. */
    static Optional<ClassHeader> parse(byte[] bytes) {
        try {
            return Optional.of(read(bytes));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * One pass over the constant pool records where each entry starts; the names asked for are then
     * decoded from there. Plain array reads (this runs for many of the classes an application loads).
     */
    private static ClassHeader read(byte[] b) {
        if (u4(b, 0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        int count = u2(b, 8);
        int[] entry = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            entry[i] = at;
            int tag = b[at] & 0xFF;
            switch (tag) {
                case 1 -> at += 3 + u2(b, at + 1);
                case 7, 8, 16, 19, 20 -> at += 3;
                case 15 -> at += 4;
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
                case 5, 6 -> {
                    at += 9;
                    i++;
                }
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        int access = u2(b, at);
        String name = className(b, entry, u2(b, at + 2));
        int superIndex = u2(b, at + 4);
        String superName = superIndex == 0 ? null : className(b, entry, superIndex);
        int interfaceCount = u2(b, at + 6);
        String[] interfaces = new String[interfaceCount];
        for (int i = 0; i < interfaceCount; i++) {
            interfaces[i] = className(b, entry, u2(b, at + 8 + 2 * i));
        }
        return new ClassHeader(name, access, superName, List.of(interfaces));
    }

    /**
     * Decodes a class entry's name. Modified UTF-8 differs from UTF-8 only for NUL and supplementary
     * characters, which class names do not contain.
     */
    private static String className(byte[] b, int[] entry, int classIndex) {
        int utf8 = entry[u2(b, entry[classIndex] + 1)];
        return new String(b, utf8 + 3, u2(b, utf8 + 1), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int u4(byte[] b, int at) {
        return u2(b, at) << 16 | u2(b, at + 2);
    }
}
