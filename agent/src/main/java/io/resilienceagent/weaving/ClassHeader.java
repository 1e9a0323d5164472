package io.resilienceagent.weaving;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The few facts the matcher needs of a class before deciding to weave it, read from its class file's
 * header: its name, access flags, superclass and interfaces; and, each read apart when needed, whether
 * it declares a method of some name, and its methods. One pass over the constant pool finds where each
 * constant starts, and only the names returned are decoded. Part of this runs for every class an
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
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int INVOKE_DYNAMIC = 18;
    private static final byte[] BOOTSTRAP_METHODS = "BootstrapMethods".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory".getBytes(StandardCharsets.US_ASCII);
    // access flags, as the class-file format defines them
    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_MODULE = 0x8000;
    private static final int ACC_SYNTHETIC = 0x1000;
    private static final byte[] SYNTHETIC = "Synthetic".getBytes(StandardCharsets.US_ASCII);

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

    /** Tests a name given as the bytes of its UTF-8 constant: {@code length} bytes of modified UTF-8 from {@code start}. */
    interface NameTest {
        boolean test(byte[] bytes, int start, int length);
    }

    /** Told of the functional objects (lambdas, method references) a class makes, by their call sites. */
    interface FunctionalObjects {
        /**
         * {@code className} makes, at an {@code invokedynamic} call site of {@code LambdaMetafactory}, an
         * object whose method is {@code method} with {@code methodDescriptor} (erased, as the interface
         * declares it); {@code callSiteDescriptor} returns the interface the object implements.
         */
        void made(String className, String method, String methodDescriptor, String callSiteDescriptor);
    }

    /**
     * Whether the class declares a method, constructors aside, whose name {@code test} accepts; true also
     * for anything that is not a well-formed class file, which the caller cannot rule out. Each name is
     * tested on the class file's own bytes: nothing is decoded or allocated but the constants' offsets.
     */
    static boolean declaresMethodNamed(byte[] bytes, NameTest test) {
        return declaresMethodNamed(bytes, test, null, null);
    }

    /**
     * The same, and {@code made} is told of each {@code invokedynamic} call site of the class whose name
     * (the method of the object a lambda or method reference makes) {@code test} accepts.
     */
    static boolean declaresMethodNamed(byte[] bytes, NameTest test, String className, FunctionalObjects made) {
        try {
            int[] entries = constants(bytes);
            if (entries == null) {
                return true;
            }
            if (made != null) {
                reportCallSites(bytes, entries, test, className, made);
            }
            int at = methodsCount(bytes, entries);
            int methods = u2(bytes, at);
            at += 2;
            for (int i = 0; i < methods; i++) {
                int name = constant(bytes, entries, u2(bytes, at + 2), UTF8);
                if (bytes[name + 3] != '<' && test.test(bytes, name + 3, u2(bytes, name + 1))) {
                    return true;
                }
                at = skipMember(bytes, at);
            }
            return false;
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    private static void reportCallSites(byte[] bytes, int[] entries, NameTest test, String className, FunctionalObjects made) {
        int bootstrapMethods = -1; // found at the first call site whose name the test accepts
        for (int i = 1; i < entries.length; i++) {
            int at = entries[i];
            if (at != 0 && bytes[at] == INVOKE_DYNAMIC) {
                int nameAndType = constant(bytes, entries, u2(bytes, at + 3), NAME_AND_TYPE);
                int name = constant(bytes, entries, u2(bytes, nameAndType + 1), UTF8);
                if (!test.test(bytes, name + 3, u2(bytes, name + 1))) {
                    continue;
                }
                if (bootstrapMethods < 0) {
                    bootstrapMethods = bootstrapMethods(bytes, entries);
                }
                String methodDescriptor = lambdaMethodDescriptor(bytes, entries, bootstrapMethods, u2(bytes, at + 1));
                if (methodDescriptor != null) {
                    try {
                        made.made(className, utf8(bytes, entries, u2(bytes, nameAndType + 1)), methodDescriptor,
                                utf8(bytes, entries, u2(bytes, nameAndType + 3)));
                    } catch (IOException malformed) {
                        // not a name: nothing to tell
                    }
                }
            }
        }
    }

    /** Where the {@code BootstrapMethods} attribute's table starts (at its count); 0 when the class has none. */
    private static int bootstrapMethods(byte[] bytes, int[] entries) {
        int at = methodsCount(bytes, entries);
        int methods = u2(bytes, at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            at = skipMember(bytes, at);
        }
        int attributes = u2(bytes, at);
        at += 2;
        for (int i = 0; i < attributes; i++) {
            if (isText(bytes, entries, u2(bytes, at), BOOTSTRAP_METHODS)) {
                return at + 6;
            }
            at += 6 + int32(bytes, at + 2);
        }
        return 0;
    }

    /**
     * The erased descriptor of the method a {@code LambdaMetafactory} call site implements (its first
     * static argument); null for a call site of another bootstrap method (a string concatenation, a
     * record's methods, another language's casts and calls).
     */
    private static String lambdaMethodDescriptor(byte[] bytes, int[] entries, int table, int index) {
        if (table == 0 || index >= u2(bytes, table)) {
            return null;
        }
        int at = table + 2;
        for (int i = 0; i < index; i++) {
            at += 4 + 2 * u2(bytes, at + 2);
        }
        int handle = constant(bytes, entries, u2(bytes, at), METHOD_HANDLE);
        int reference = u2(bytes, handle + 2); // the bootstrap method: a method reference of either kind
        int method = constant(bytes, entries, reference, bytes[entries[reference]]);
        int owner = constant(bytes, entries, u2(bytes, method + 1), CLASS);
        if (u2(bytes, at + 2) < 1 || !isText(bytes, entries, u2(bytes, owner + 1), LAMBDA_METAFACTORY)) {
            return null;
        }
        int methodType = constant(bytes, entries, u2(bytes, at + 4), METHOD_TYPE);
        try {
            return utf8(bytes, entries, u2(bytes, methodType + 1));
        } catch (IOException malformed) {
            return null;
        }
    }

    /**
     * The methods the class declares, constructors included, in file order, with their access flags as
     * ASM reports them: a {@code Synthetic} attribute counts as {@code ACC_SYNTHETIC}. Read without ASM,
     * which a covered class that has no method to weave never needs.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a well-formed class file
     */
    static List<MethodInfo> methods(byte[] bytes) {
        try {
            int[] entries = constants(bytes);
            if (entries == null) {
                throw new IllegalArgumentException("not a class file");
            }
            int at = methodsCount(bytes, entries);
            int count = u2(bytes, at);
            List<MethodInfo> methods = new ArrayList<>(count);
            at += 2;
            for (int i = 0; i < count; i++) {
                int access = u2(bytes, at);
                String name = utf8(bytes, entries, u2(bytes, at + 2));
                String descriptor = utf8(bytes, entries, u2(bytes, at + 4));
                int attributes = u2(bytes, at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    if (isText(bytes, entries, u2(bytes, at), SYNTHETIC)) {
                        access |= ACC_SYNTHETIC;
                    }
                    at += 6 + int32(bytes, at + 2);
                }
                methods.add(new MethodInfo(name, descriptor, access));
            }
            return methods;
        } catch (IOException | IndexOutOfBoundsException malformed) {
            throw new IllegalArgumentException("malformed class file: " + malformed, malformed);
        }
    }

    /** Where the count of methods is: past the header's interfaces and the fields. */
    private static int methodsCount(byte[] bytes, int[] entries) {
        int at = entries[0];
        at += 8 + 2 * u2(bytes, at + 6);
        int fields = u2(bytes, at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipMember(bytes, at);
        }
        return at;
    }

    /**
     * Whether one of the class file's UTF-8 constants holds exactly one of {@code texts} (ASCII): a class,
     * descriptor or annotation it refers to. False for anything that is not a well-formed class file.
     */
    static boolean holdsText(byte[] bytes, List<byte[]> texts) {
        try {
            int[] entries = constants(bytes);
            for (int i = 1; entries != null && i < entries.length; i++) {
                if (entries[i] != 0 && bytes[entries[i]] == UTF8) {
                    for (byte[] text : texts) {
                        if (isText(bytes, entries, i, text)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Whether the UTF-8 constant at {@code index} holds exactly {@code text} (ASCII). */
    private static boolean isText(byte[] bytes, int[] entries, int index, byte[] text) {
        int utfAt = constant(bytes, entries, index, UTF8);
        return u2(bytes, utfAt + 1) == text.length
                && Arrays.equals(bytes, utfAt + 3, utfAt + 3 + text.length, text, 0, text.length);
    }

    /**
     * Where each constant of the pool starts (at its tag), and at index 0, which no constant has, where
     * the pool ends (0 at the unused index after a long or double); null when {@code bytes} is not a class
     * file. It may throw on a truncated one.
     */
    static int[] constants(byte[] bytes) {
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

    static int int32(byte[] bytes, int at) {
        return u2(bytes, at) << 16 | u2(bytes, at + 2);
    }
}
