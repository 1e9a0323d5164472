package io.resilienceagent.instrument;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few facts the transformer needs before deciding to weave a class: a class's name, access
 * flags, superclass and interfaces, read straight from the class file's header. Reading them costs a
 * pass over the constant pool, with no class loading, so every class the JVM loads can be checked.
 *
 * @param name binary name, dots and {@code $}
 * @param superName binary name of the superclass, null for {@code java.lang.Object} and modules
 * @param interfaces binary names of the directly implemented interfaces
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
            return Optional.of(read(ByteBuffer.wrap(bytes)));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static ClassHeader read(ByteBuffer in) {
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getShort();
        in.getShort();
        int count = Short.toUnsignedInt(in.getShort());
        int[] classNameIndex = new int[count];
        int[] utf8Offset = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case 1 -> {
                    utf8Offset[i] = in.position();
                    in.position(in.position() + 2 + Short.toUnsignedInt(in.getShort(in.position())));
                }
                case 7 -> classNameIndex[i] = Short.toUnsignedInt(in.getShort());
                case 8, 16, 19, 20 -> in.getShort();
                case 15 -> {
                    in.get();
                    in.getShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.getInt();
                case 5, 6 -> {
                    in.getLong();
                    i++;
                }
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        int access = Short.toUnsignedInt(in.getShort());
        String name = className(in, utf8Offset, classNameIndex, Short.toUnsignedInt(in.getShort()));
        int superIndex = Short.toUnsignedInt(in.getShort());
        String superName = superIndex == 0 ? null : className(in, utf8Offset, classNameIndex, superIndex);
        int interfaceCount = Short.toUnsignedInt(in.getShort());
        List<String> interfaces = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(className(in, utf8Offset, classNameIndex, Short.toUnsignedInt(in.getShort())));
        }
        return new ClassHeader(name, access, superName, List.copyOf(interfaces));
    }

    /**
     * Decodes only the names asked for. Modified UTF-8 differs from UTF-8 only for NUL and
     * supplementary characters, which class names do not contain.
     */
    private static String className(ByteBuffer in, int[] utf8Offset, int[] classNameIndex, int classIndex) {
        int offset = utf8Offset[classNameIndex[classIndex]];
        int length = Short.toUnsignedInt(in.getShort(offset));
        return new String(in.array(), in.arrayOffset() + offset + 2, length, StandardCharsets.UTF_8).replace('/', '.');
    }
}
