package io.resilienceagent.weaving;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a method's name is one that some pattern's method part matches, tested on the bytes of the
 * name's constant in a class file. It runs for most classes an application loads once a pattern could
 * be inherited, to rule out reading their supertypes; so it decodes no name and allocates nothing, and
 * stays small for the JIT (a version decoding each name to a string and matching it against the
 * patterns was compiled by C2 four times, 140 ms of compiler time, in a run of the large-app
 * benchmark's generated app with 500 patterns).
 *
 * <p>Names are compared in the class file's encoding (modified UTF-8), in which equal names have equal
 * bytes. A method part with {@code *} is split into its literal segments: the first must start the name,
 * the last end it, and the others follow in order between them; a method name has no {@code .} or
 * {@code /}, so this is what {@code MethodPattern.globMatches} decides for it.
 */
final class MethodNameFilter implements ClassHeader.NameTest {
    private static final byte[][] NO_NAMES = new byte[0][];
    /** The method parts without {@code *}, encoded, filed by their length in bytes. */
    private final byte[][][] namesByLength;
    /** Each distinct method part with {@code *}: its encoded literal segments, at least two. */
    private final byte[][][] globs;

    /** @param methodParts the patterns' method parts: names, or globs with {@code *} */
    MethodNameFilter(Collection<String> methodParts) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> globParts = new LinkedHashSet<>();
        for (String part : methodParts) {
            (part.indexOf('*') < 0 ? names : globParts).add(part);
        }
        List<byte[]> encodedNames = new ArrayList<>(names.size());
        int longest = 0;
        for (String name : names) {
            byte[] bytes = encoded(name);
            encodedNames.add(bytes);
            longest = Math.max(longest, bytes.length);
        }
        namesByLength = new byte[longest + 1][][];
        Arrays.fill(namesByLength, NO_NAMES);
        for (byte[] bytes : encodedNames) {
            byte[][] filed = namesByLength[bytes.length];
            filed = Arrays.copyOf(filed, filed.length + 1);
            filed[filed.length - 1] = bytes;
            namesByLength[bytes.length] = filed;
        }
        List<byte[][]> segmented = new ArrayList<>();
        for (String glob : globParts) {
            segmented.add(segments(glob));
        }
        globs = segmented.toArray(new byte[0][][]);
    }

    @Override
    public boolean test(byte[] bytes, int start, int length) {
        if (length < namesByLength.length) {
            for (byte[] name : namesByLength[length]) {
                if (holds(bytes, start, name)) {
                    return true;
                }
            }
        }
        for (byte[][] segments : globs) {
            if (globMatches(segments, bytes, start, start + length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatches(byte[][] segments, byte[] bytes, int start, int end) {
        byte[] first = segments[0];
        byte[] last = segments[segments.length - 1];
        int limit = end - last.length;
        if (limit - start < first.length || !holds(bytes, start, first) || !holds(bytes, limit, last)) {
            return false;
        }
        int at = start + first.length;
        for (int s = 1; s < segments.length - 1; s++) {
            at = indexOf(bytes, at, limit, segments[s]);
            if (at < 0) {
                return false;
            }
            at += segments[s].length;
        }
        return true;
    }

    /** Where {@code segment} first occurs in {@code bytes} from {@code from}, ending by {@code limit}; -1 if not. */
    private static int indexOf(byte[] bytes, int from, int limit, byte[] segment) {
        for (int at = from; at + segment.length <= limit; at++) {
            if (holds(bytes, at, segment)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Whether {@code bytes} holds {@code part} from {@code at}, which the caller has checked it fits in.
     * A plain loop, not {@code Arrays.equals}, whose range checks and vectorised compare the JIT would
     * inline at each of the four places that call this, for names of a few bytes.
     */
    private static boolean holds(byte[] bytes, int at, byte[] part) {
        for (int i = 0; i < part.length; i++) {
            if (bytes[at + i] != part[i]) {
                return false;
            }
        }
        return true;
    }

    /** The literal text between the stars of {@code glob}, encoded; empty where stars are adjacent or at an end. */
    private static byte[][] segments(String glob) {
        List<byte[]> segments = new ArrayList<>();
        int from = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
            segments.add(encoded(glob.substring(from, star)));
            from = star + 1;
        }
        segments.add(encoded(glob.substring(from)));
        return segments.toArray(new byte[0][]);
    }

    /** {@code text} as a class file's UTF-8 constant holds it (modified UTF-8, without the length). */
    private static byte[] encoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DataOutputStream(out).writeUTF(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] withLength = out.toByteArray();
        return Arrays.copyOfRange(withLength, 2, withLength.length);
    }
}
