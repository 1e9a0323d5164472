package io.resilienceagent.weaving;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Annotations of other frameworks, on a woven method or its class, that change what the agent's retry
 * means: another retry (spring-retry, Spring's own, resilience4j's, MicroProfile's, Micronaut's), whose
 * attempts multiply with the agent's; or a transaction (Spring's, Jakarta's), inside which the agent
 * retries, since the transaction's proxy calls the woven body. Each gives a WARN line when the method is
 * woven; the method is woven all the same. Read only for a class being woven, and with ASM only when its
 * constant pool holds one of the annotations' descriptors at all.
 */
final class FrameworkAnnotations {
    private static final Map<String, String> RETRIES = Map.of(
            "Lorg/springframework/retry/annotation/Retryable;", "spring-retry's @Retryable",
            "Lorg/springframework/resilience/annotation/Retryable;", "Spring's @Retryable",
            "Lio/github/resilience4j/retry/annotation/Retry;", "resilience4j's @Retry",
            "Lorg/eclipse/microprofile/faulttolerance/Retry;", "MicroProfile Fault Tolerance's @Retry",
            "Lio/micronaut/retry/annotation/Retryable;", "Micronaut's @Retryable");
    private static final Map<String, String> TRANSACTIONS = Map.of(
            "Lorg/springframework/transaction/annotation/Transactional;", "Spring's @Transactional",
            "Ljakarta/transaction/Transactional;", "@jakarta.transaction.Transactional",
            "Ljavax/transaction/Transactional;", "@javax.transaction.Transactional");
    /** The descriptors above; a class file holding none of them has none of the annotations. */
    private static final List<byte[]> DESCRIPTORS = descriptors();

    private FrameworkAnnotations() {
    }

    /** The WARN lines for the methods {@code woven} (keys to signatures) of {@code classFile}, in file order. */
    static List<String> warnings(byte[] classFile, Map<String, String> woven) {
        if (!ClassHeader.holdsText(classFile, DESCRIPTORS)) {
            return List.of();
        }
        Map<String, List<String>> found = annotationsOf(classFile, woven.keySet());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> method : found.entrySet()) {
            String signature = woven.get(method.getKey());
            for (String descriptor : method.getValue()) {
                if (RETRIES.containsKey(descriptor)) {
                    lines.add(signature + " is also retried by " + RETRIES.get(descriptor) + ": the attempts multiply (each "
                            + "of its attempts runs all of the agent's) and the breaker counts every one; keep one of the two");
                } else {
                    lines.add(signature + " runs in a transaction (" + TRANSACTIONS.get(descriptor) + "), inside which the "
                            + "agent retries it: a failed attempt's work stays in the transaction, and one that a failure "
                            + "marked rollback-only fails at commit; protect the client method it calls instead");
                }
            }
        }
        return lines;
    }

    /** The annotations of interest on each method of {@code keys}, its class's included; methods with none left out. */
    private static Map<String, List<String>> annotationsOf(byte[] classFile, Set<String> keys) {
        List<String> ofClass = new ArrayList<>();
        Map<String, List<String>> ofMethods = new HashMap<>();
        List<String> order = new ArrayList<>();
        Set<String> inheritsNone = new java.util.HashSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                if (isOfInterest(descriptor) && !ofClass.contains(descriptor)) {
                    ofClass.add(descriptor);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                String key = name + descriptor;
                if (!keys.contains(key)) {
                    return null;
                }
                order.add(key);
                List<String> annotations = new ArrayList<>();
                ofMethods.put(key, annotations);
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0) {
                    inheritsNone.add(key); // a proxy, which applies the class's annotations, never sees it called
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (isOfInterest(annotation) && !annotations.contains(annotation)) {
                            annotations.add(annotation);
                        }
                        return null;
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String key : order) {
            List<String> all = new ArrayList<>(ofMethods.get(key));
            for (String annotation : inheritsNone.contains(key) ? List.<String>of() : ofClass) {
                if (!all.contains(annotation)) {
                    all.add(annotation);
                }
            }
            if (!all.isEmpty()) {
                result.put(key, all);
            }
        }
        return result;
    }

    private static boolean isOfInterest(String descriptor) {
        return RETRIES.containsKey(descriptor) || TRANSACTIONS.containsKey(descriptor);
    }

    private static List<byte[]> descriptors() {
        List<byte[]> all = new ArrayList<>();
        for (String descriptor : RETRIES.keySet()) {
            all.add(descriptor.getBytes(StandardCharsets.US_ASCII));
        }
        for (String descriptor : TRANSACTIONS.keySet()) {
            all.add(descriptor.getBytes(StandardCharsets.US_ASCII));
        }
        return List.copyOf(all);
    }
}
