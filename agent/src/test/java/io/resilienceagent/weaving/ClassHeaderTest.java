package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.BaseClient;
import com.example.sample.Fetcher;
import com.example.sample.FlakyTarget;
import com.example.sample.MiddleClient;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassHeaderTest {
    static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The names {@link ClassHeader#declaresMethodNamed} tests, decoded, in file order; empty when it cannot read them. */
    static Optional<List<String>> methodNames(byte[] bytes) {
        List<String> names = new ArrayList<>();
        boolean unread = ClassHeader.declaresMethodNamed(bytes, (file, start, length) -> {
            names.add(decoded(file, start, length));
            return false;
        });
        return unread ? Optional.empty() : Optional.of(names);
    }

    private static String decoded(byte[] bytes, int start, int length) {
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, start - 2, length + 2)).readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** Makes a lambda and a method reference implementing {@link Fetcher}, and a lambda of the JDK's {@code Supplier}. */
    static final class MakesLambdas {
        Object[] make() {
            Fetcher lambda = url -> url;
            Fetcher reference = String::trim;
            java.util.function.Supplier<String> supplier = () -> "x";
            return new Object[] {lambda, reference, supplier, "concatenated " + lambda};
        }
    }

    @Test
    void theCallSitesOfLambdasAndMethodReferencesWhoseMethodTheTestAcceptsAreReported() throws IOException {
        List<String> made = new ArrayList<>();
        List<String> tested = new ArrayList<>();
        ClassHeader.declaresMethodNamed(classFile(MakesLambdas.class), (file, start, length) -> {
            String name = decoded(file, start, length);
            tested.add(name);
            return name.equals("fetch");
        }, "the/Maker", (className, method, methodDescriptor, callSite) -> made.add(className + " " + method + methodDescriptor
                + " " + callSite));

        assertThat(made).containsExactly("the/Maker fetch(Ljava/lang/String;)Ljava/lang/String; ()Lcom/example/sample/Fetcher;",
                "the/Maker fetch(Ljava/lang/String;)Ljava/lang/String; ()Lcom/example/sample/Fetcher;");
        assertThat(tested).as("each call site's name and each method's").contains("get", "make");
    }

    @Test
    void aCallSiteOfAnotherBootstrapMethodIsNotALambda() {
        // a call site named like the interface's method and returning it, as a Groovy cast is: not LambdaMetafactory's
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "the/Caster", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "cast", "(Ljava/lang/Object;)Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitInvokeDynamicInsn("fetch", "(Ljava/lang/Object;)Lcom/example/sample/Fetcher;",
                new org.objectweb.asm.Handle(Opcodes.H_INVOKESTATIC, "the/Bootstraps", "bootstrap",
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
                        false));
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        List<String> made = new ArrayList<>();

        ClassHeader.declaresMethodNamed(cw.toByteArray(), (file, start, length) -> decoded(file, start, length).equals("fetch"),
                "the/Caster", (className, method, methodDescriptor, callSite) -> made.add(method));

        assertThat(made).isEmpty();
    }

    @Test
    void readsNameSuperclassAndInterfaces() throws IOException {
        ClassHeader header = ClassHeader.parse(classFile(MiddleClient.class)).orElseThrow();

        assertThat(header.name()).isEqualTo(internal(MiddleClient.class));
        assertThat(header.superName()).isEqualTo(internal(BaseClient.class));
        assertThat(header.interfaces()).containsExactly(internal(Fetcher.class));
        assertThat(header.isAbstractType()).isTrue();
        assertThat(header.isInterface()).isFalse();
        assertThat(methodNames(classFile(MiddleClient.class))).contains(List.of("fetch"));
    }

    @Test
    void readsInterfacesAndConcreteClasses() throws IOException {
        assertThat(ClassHeader.parse(classFile(Fetcher.class)).orElseThrow().isInterface()).isTrue();
        ClassHeader concrete = ClassHeader.parse(classFile(FlakyTarget.class)).orElseThrow();
        assertThat(concrete.isAbstractType()).isFalse();
        assertThat(concrete.superName()).isEqualTo("java/lang/Object");
    }

    @Test
    void readsNestedClassNamesWithDollar() throws IOException {
        assertThat(ClassHeader.parse(classFile(FlakyTarget.Status.class)).orElseThrow().name())
                .isEqualTo("com/example/sample/FlakyTarget$Status");
    }

    /** Names beyond ASCII are modified UTF-8 in a class file. */
    interface Grüße {
    }

    static final class Ελληνικά implements Grüße, Fetcher {
        static final long BIG = 1L << 40;
        static final double HALF = 0.5;

        @Override
        public String fetch(String key) {
            return key + BIG + HALF;
        }

        String grüßen() {
            return "Grüß Gott";
        }
    }

    @Test
    void readsNamesBeyondAscii() throws IOException {
        ClassHeader header = ClassHeader.parse(classFile(Ελληνικά.class)).orElseThrow();

        assertThat(header.name()).isEqualTo(internal(Ελληνικά.class));
        assertThat(header.interfaces()).containsExactly(internal(Grüße.class), internal(Fetcher.class));
        assertThat(methodNames(classFile(Ελληνικά.class)).orElseThrow()).contains("fetch", "grüßen");
    }

    @Test
    void rejectsWhatIsNotAClassFile() throws IOException {
        assertThat(ClassHeader.parse(new byte[] {1, 2, 3})).isEmpty();
        assertThat(ClassHeader.parse(new byte[0])).isEmpty();
        assertThat(ClassHeader.parse(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0})).isEmpty();
        assertThat(methodNames(new byte[] {1, 2, 3})).isEmpty();
        byte[] whole = classFile(MiddleClient.class);
        for (int length = 0; length < whole.length; length += 7) {
            // cut short anywhere before the interfaces: nothing, and nothing thrown
            Optional<ClassHeader> cut = ClassHeader.parse(Arrays.copyOf(whole, length));
            assertThat(cut.isEmpty() || cut.get().equals(ClassHeader.parse(whole).orElseThrow())).isTrue();
            Optional<List<String>> cutMethods = methodNames(Arrays.copyOf(whole, length));
            assertThat(cutMethods.isEmpty() || cutMethods.equals(methodNames(whole))).isTrue();
            try {
                assertThat(ClassHeader.methods(Arrays.copyOf(whole, length))).isEqualTo(ClassHeader.methods(whole));
            } catch (IllegalArgumentException malformed) {
                // what the weaver reports, for a class it then leaves as it is
            }
        }
    }

    /** Before Java 5 a method was marked synthetic by an attribute, which ASM reports as the flag; so must the reader. */
    @Test
    void readsTheSyntheticAttributeAsTheFlag() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC, "com/example/Old", null, "java/lang/Object", null);
        writer.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, "access$000", "()V", null, null).visitEnd();
        writer.visitMethod(Opcodes.ACC_STATIC, "plain", "()V", null, null).visitEnd();
        writer.visitEnd();
        byte[] bytes = writer.toByteArray();
        assertThat(bytes[7]).isEqualTo((byte) 48); // a Java 1.4 class file, where the flag is written as an attribute

        assertThat(ClassHeader.methods(bytes)).containsExactly(
                new MethodInfo("access$000", "()V", Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC),
                new MethodInfo("plain", "()V", Opcodes.ACC_STATIC));
    }

    /**
     * The header and the methods are read by hand, not by ASM; it must read every class file as ASM does: the JDK's own
     * (javac, with every kind of constant) and those that kotlinc, scalac and groovyc wrote, on the test class path.
     */
    @Test
    void readsWhatAsmReadsFromTheJdkAndEveryJarOnTheClassPath() throws IOException {
        List<String> differences = new ArrayList<>();
        int[] compared = new int[1];
        try (Stream<Path> files = Files.walk(FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                compare(file.toString(), Files.readAllBytes(file), differences, compared);
            }
        }
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            jars.add(new File(entry).getName());
            try (ZipFile jar = new ZipFile(entry)) {
                for (ZipEntry classFile : Collections.list(jar.entries())) {
                    if (classFile.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(classFile)) {
                            compare(entry + "!" + classFile.getName(), in.readAllBytes(), differences, compared);
                        }
                    }
                }
            }
        }

        assertThat(jars).anyMatch(jar -> jar.startsWith("kotlin-stdlib")).anyMatch(jar -> jar.startsWith("scala-library"))
                .anyMatch(jar -> jar.startsWith("groovy"));
        assertThat(compared[0]).isGreaterThan(30_000);
        assertThat(differences).isEmpty();
    }

    private static void compare(String where, byte[] bytes, List<String> differences, int[] compared) {
        ClassReader asm;
        try {
            asm = new ClassReader(bytes);
        } catch (IllegalArgumentException newerThanAsm) {
            return;
        }
        List<String> methods = new ArrayList<>();
        List<MethodInfo> declared = new ArrayList<>();
        asm.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.startsWith("<")) {
                    methods.add(name);
                }
                declared.add(new MethodInfo(name, descriptor, access & 0xFFFF)); // less ASM's own ACC_DEPRECATED
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        ClassHeader expected = new ClassHeader(asm.getClassName(), asm.getAccess(), asm.getSuperName(),
                List.of(asm.getInterfaces()));
        Optional<ClassHeader> read = ClassHeader.parse(bytes);
        if (!read.equals(Optional.of(expected))) {
            differences.add(where + ": " + read + " instead of " + expected);
        }
        Optional<List<String>> readMethods = methodNames(bytes);
        if (!readMethods.equals(Optional.of(methods))) {
            differences.add(where + ": method names " + readMethods + " instead of " + methods);
        }
        List<MethodInfo> readDeclared = ClassHeader.methods(bytes);
        if (!readDeclared.equals(declared)) {
            differences.add(where + ": methods " + readDeclared + " instead of " + declared);
        }
        compared[0]++;
    }
}
