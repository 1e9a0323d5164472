package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.BaseClient;
import com.example.sample.Fetcher;
import com.example.sample.FlakyTarget;
import com.example.sample.MiddleClient;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ClassHeaderTest {
    static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    @Test
    void readsNameSuperclassAndInterfaces() throws IOException {
        ClassHeader header = ClassHeader.parse(classFile(MiddleClient.class)).orElseThrow();

        assertThat(header.name()).isEqualTo(internal(MiddleClient.class));
        assertThat(header.superName()).isEqualTo(internal(BaseClient.class));
        assertThat(header.interfaces()).containsExactly(internal(Fetcher.class));
        assertThat(header.isAbstractType()).isTrue();
        assertThat(header.isInterface()).isFalse();
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

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThat(ClassHeader.parse(new byte[] {1, 2, 3})).isEmpty();
        assertThat(ClassHeader.parse(new byte[0])).isEmpty();
        assertThat(ClassHeader.parse(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0})).isEmpty();
    }
}
