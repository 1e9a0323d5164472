package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A method pattern from the {@code methods} section: {@code pkg.Class.method} (all overloads),
 * {@code pkg.Class.method(java.lang.String,int)} (one overload), with {@code *} matching any run of
 * characters inside one dot-separated segment ({@code pkg.*Client.*}). Nested classes use {@code $}.
 */
public final class MethodPattern {
    private static final List<String> PRIMITIVES = List.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

    private final String text;
    private final String classGlob;
    private final String methodGlob;
    private final Optional<List<String>> parameterTypes;

    private MethodPattern(String text, String classGlob, String methodGlob, Optional<List<String>> parameterTypes) {
        this.text = text;
        this.classGlob = classGlob;
        this.methodGlob = methodGlob;
        this.parameterTypes = parameterTypes;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and how to write it
     */
    public static MethodPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        String head = trimmed;
        Optional<List<String>> params = Optional.empty();
        int open = trimmed.indexOf('(');
        if (open >= 0) {
            if (!trimmed.endsWith(")") || trimmed.indexOf('(', open + 1) >= 0 || trimmed.indexOf(')') != trimmed.length() - 1) {
                throw new IllegalArgumentException("unbalanced parentheses; write the parameter list as "
                        + "pkg.Class.method(java.lang.String,int)");
            }
            head = trimmed.substring(0, open);
            params = Optional.of(parseParameters(trimmed.substring(open + 1, trimmed.length() - 1)));
        }
        int lastDot = head.lastIndexOf('.');
        if (lastDot <= 0 || lastDot == head.length() - 1) {
            throw new IllegalArgumentException("expected a fully qualified class name and a method name, "
                    + "such as com.example.Client.call");
        }
        String classGlob = head.substring(0, lastDot);
        String methodGlob = head.substring(lastDot + 1);
        if (methodGlob.equals("<init>") || methodGlob.equals("<clinit>")) {
            throw new IllegalArgumentException("constructors and static initialisers are never instrumented; name a "
                    + "method the constructor calls, or the application method that creates the object");
        }
        for (String segment : classGlob.split("\\.", -1)) {
            requireSegment(segment, "class name segment");
        }
        requireSegment(methodGlob, "method name");
        if (params.isPresent()) {
            requirePackages(params.get(), classGlob);
        }
        return new MethodPattern(trimmed, classGlob, methodGlob, params);
    }

    private static List<String> parseParameters(String inside) {
        List<String> types = new ArrayList<>();
        if (inside.isBlank()) {
            return List.of();
        }
        for (String raw : inside.split(",", -1)) {
            String type = raw.strip();
            if (!isTypeName(type)) {
                throw new IllegalArgumentException("parameter type '" + type + "' is not a Java type name; "
                        + "use fully qualified names such as java.lang.String, int or byte[]");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    /**
     * Parameter types are matched by their fully qualified names, so one without a package never
     * matches: it could only be a class of the default package, which only the default package's own
     * classes can take, and no such class is called {@code String}.
     */
    private static void requirePackages(List<String> types, String classGlob) {
        for (String type : types) {
            String element = type;
            while (element.endsWith("[]")) {
                element = element.substring(0, element.length() - 2);
            }
            if (element.indexOf('.') >= 0 || PRIMITIVES.contains(element)) {
                continue;
            }
            String arrays = type.substring(element.length());
            if (isJavaLang(element)) {
                throw new IllegalArgumentException("parameter type '" + type + "' has no package; write java.lang." + element
                        + arrays + " (parameter types are matched by their fully qualified names)");
            }
            if (classGlob.indexOf('.') >= 0) {
                throw new IllegalArgumentException("parameter type '" + type + "' has no package; write its fully qualified "
                        + "name, such as com.example." + type + " (parameter types are matched by their fully qualified names)");
            }
        }
    }

    private static boolean isJavaLang(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void requireSegment(String segment, String what) {
        if (!JavaNames.isNamePart(segment, 0, segment.length(), true)) {
            throw new IllegalArgumentException(what + " '" + segment + "' is not valid; use Java identifiers, "
                    + "'$' for nested classes and '*' as a wildcard inside one segment");
        }
    }

    /** {@code java.lang.String}, {@code int} or {@code byte[][]}. */
    private static boolean isTypeName(String type) {
        String element = type;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        return JavaNames.isQualifiedName(element);
    }

    /**
     * Whether a method name is a lambda body's by its compiler's naming: javac and Kotlin 1
     * {@code lambda$...}, Kotlin 2 {@code fn$lambda$0}, Scala {@code $anonfun$...}.
     */
    public static boolean namesLambdaBody(String methodName) {
        return methodName.startsWith("lambda$") || methodName.contains("$lambda$") || methodName.contains("$anonfun$");
    }

    /**
     * Why the agent could never weave a method this pattern names, or empty when it could: a JDK class
     * (but {@code java.net.http.HttpClient.send}), the agent's own, a lambda body, a generated lambda or proxy class.
     * Such a pattern would silently protect nothing, so the config refuses it.
     */
    public Optional<String> neverWovenReason() {
        if (classGlob.equals(JdkClasses.HTTP_CLIENT)) {
            return methodGlob.equals(JdkClasses.HTTP_CLIENT_SEND) || methodGlob.equals(JdkClasses.HTTP_CLIENT_SEND_ASYNC)
                    ? Optional.empty()
                    : Optional.of("of the JDK's HTTP client only " + JdkClasses.HTTP_CLIENT + ".send and .sendAsync can be "
                            + "protected; name one of those, or the application method that calls the client");
        }
        if (classGlob.startsWith("java.") || classGlob.indexOf('*') < 0 && JdkClasses.isJdk(classGlob)) {
            return Optional.of("JDK classes (java.*, jdk.*, sun.*, the JDK's javax.* and com.sun.* packages) are never instrumented; name the "
                    + "application method that calls this one instead (the JDK methods that can be protected are "
                    + JdkClasses.HTTP_CLIENT + ".send and .sendAsync)");
        }
        if (classGlob.startsWith("io.resilienceagent.")) {
            return Optional.of("the agent's own classes are never instrumented");
        }
        if (namesLambdaBody(methodGlob)) {
            return Optional.of("lambda bodies are never instrumented; name the method that runs the lambda, or the "
                    + "interface method it implements (a pattern naming an interface covers its implementations)");
        }
        if (classGlob.contains("$$Lambda") || classGlob.contains("$Proxy")) {
            return Optional.of("generated lambda and proxy classes are never instrumented; name the interface method "
                    + "they implement (a pattern naming an interface covers its implementations) or the real class");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code text} matches {@code glob}, where {@code *} stands for any run of characters other
     * than a package separator ({@code .}, or {@code /} in internal names). Checked by hand, without a
     * regex: it runs at class loading.
     */
    public static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                resumeAt = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (starAt >= 0 && text.charAt(resumeAt) != '.' && text.charAt(resumeAt) != '/') {
                // let the last star swallow one more character, then try the rest of the glob again
                g = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** Whether a method with this name is covered, whatever its parameter types. */
    public boolean matchesMethodName(String methodName) {
        return globMatches(methodGlob, methodName);
    }

    /** The method part: a name, or a glob with {@code *}. */
    public String methodGlob() {
        return methodGlob;
    }

    public String classGlob() {
        return classGlob;
    }

    public Optional<List<String>> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return text;
    }
}
