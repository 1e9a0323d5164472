package io.resilienceagent.weaving;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The few facts the matcher needs of a class before deciding to weave it, read from its class file's
 * header: its name, access flags, superclass and interfaces; and, read apart when needed, the names of
 * its methods. One pass over the constant pool finds where each constant starts, and only the names
 * returned are decoded. This runs for every class an
 * application loads once a pattern could be inherited (a wildcard, an interface), so it is kept small:
 * with ASM's {@code ClassReader}, which the weaver uses to read whole classes, one wildcard pattern cost
 * 8.25 ms of CPU per 1,000 loaded classes in the large-app benchmark, with this 5.75, run after it
 * (BENCHMARKS.md).
 * {@code ClassHeaderTest} checks that both read the same from every class file of the JDK and of
 * kotlinc, scalac and groovyc.
 *
 * @param name internal name, slashes and {@code $} ({@code com/example/Outer$Inner})
 * @param superName internal name of the superclass, null for {@code java.lang.Object} and modules
 * @param interfaces internal names of the directly implemented interfaces
 */
record ClassHeader(String name, int access, String superName, List<String> interfaces) {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    // access flags, as the class-file format defines them
    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_MODULE = 0x8000;

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
            int[] entries = constants(bytes);
            if (entries == null) {
                return Optional.empty();
            }
            int at = entries[0];
            int access = u2(bytes, at);
            String name = className(bytes, entries, u2(bytes, at + 2));
            int superIndex = u2(bytes, at + 4);
            String superName = superIndex == 0 ? null : className(bytes, entries, superIndex);
            String[] interfaces = new String[u2(bytes, at + 6)];
            for (int i = 0; i < interfaces.length; i++) {
                interfaces[i] = className(bytes, entries, u2(bytes, at + 8 + 2 * i));
            }
            return Optional.of(new ClassHeader(name, access, superName, List.of(interfaces)));
        } catch (RuntimeException | IOException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The names of the methods a class file declares, constructors included, in file order; empty for
     * anything that is not a well-formed class file. Read apart from the header, only when needed.
     */
    static Optional<List<String>> methodNames(byte[] bytes) {
        try {
            int[] entries = constants(bytes);
            if (entries == null) {
                return Optional.empty();
            }
            int at = entries[0];
            at += 8 + 2 * u2(bytes, at + 6);
            int fields = u2(bytes, at);
            at += 2;
            for (int i = 0; i < fields; i++) {
                at = skipMember(bytes, at);
            }
            String[] names = new String[u2(bytes, at)];
            at += 2;
            for (int i = 0; i < names.length; i++) {
                names[i] = utf8(bytes, entries, u2(bytes, at + 2));
                at = skipMember(bytes, at);
            }
            return Optional.of(List.of(names));
        } catch (RuntimeException | IOException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Where each constant of the pool starts (at its tag), and at index 0, which no constant has, where
     * the pool ends; null when {@code bytes} is not a class file.
     */
    private static int[] constants(byte[] bytes) {
        if (int32(bytes, 0) != MAGIC) {
            return null;
        }
        int count = u2(bytes, 8);
        int[] entries = new int[Math.max(count, 1)];
        int at = 10;
        for (int i = 1; i < count; i++) {
            entries[i] = at;
            int size = constantSize(bytes, at);
            if (size < 0) {
                return null;
            }
            if (bytes[at] == LONG || bytes[at] == DOUBLE) { // these take two entries
                i++;
            }
            at += size;
        }
        entries[0] = at;
        return entries;
    }

    /** Bytes taken by the constant at {@code at}, tag included; -1 for an unknown tag. */
    private static int constantSize(byte[] bytes, int at) {
        switch (bytes[at]) {
            case UTF8:
                return 3 + u2(bytes, at + 1);
            case CLASS: case 8: case 16: case 19: case 20: // string, method type, module, package
                return 3;
            case 15: // method handle
                return 4;
            case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // int, float, refs, dynamic
                return 5;
            case LONG: case DOUBLE:
                return 9;
            default:
                return -1;
        }
    }

    /** The offset after the field or method at {@code at}: access, name, descriptor, attributes. */
    private static int skipMember(byte[] bytes, int at) {
        int attributes = u2(bytes, at + 6);
        int next = at + 8;
        for (int i = 0; i < attributes; i++) {
            next += 6 + int32(bytes, next + 2);
        }
        return next;
    }

    /** The name of the class constant at {@code index}, in internal form. */
    private static String className(byte[] bytes, int[] entries, int index) throws IOException {
        return utf8(bytes, entries, u2(bytes, constant(bytes, entries, index, CLASS) + 1));
    }

    /** The text of the UTF-8 constant at {@code index}. */
    private static String utf8(byte[] bytes, int[] entries, int index) throws IOException {
        int utfAt = constant(bytes, entries, index, UTF8);
        int length = u2(bytes, utfAt + 1);
        int start = utfAt + 3;
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) { // beyond ASCII: the class file's modified UTF-8, as DataInput reads it
                return new DataInputStream(new ByteArrayInputStream(bytes, utfAt + 1, length + 2)).readUTF();
            }
        }
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    /** Where the constant at {@code index} starts, checked to be of kind {@code tag} (index 0 is no constant). */
    private static int constant(byte[] bytes, int[] entries, int index, int tag) {
        if (index == 0 || bytes[entries[index]] != tag) {
            throw new IllegalArgumentException("constant " + index + " is not of kind " + tag);
        }
        return entries[index];
    }

    private static int u2(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private static int int32(byte[] bytes, int at) {
        return u2(bytes, at) << 16 | u2(bytes, at + 2);
    }
}
