package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.sample.FlakyTarget;
import com.example.sample.PlaceholderLookalike;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLogCapture;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven-class cache: a second start takes a class's woven code from the cache, with the ids of that
 * start, and that code protects the method as freshly woven code does; an entry made from anything else
 * (another class file, other woven methods, another agent build) or damaged is never used; a directory
 * others could write is refused.
 */
class WovenClassCacheTest {
    private static final String TARGET = FlakyTarget.class.getName();
    private static final String FINGERPRINT = "0123abcd-4567ef01-1000";

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    /** One start of the agent: a fresh registry (ids from 0, as in a new JVM) weaving FlakyTarget through {@code cache}. */
    private static byte[] start(WovenClassCache cache) throws Exception {
        Dispatcher.clear();
        RetrySettings retry = RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(3).waits(Duration.ZERO, Duration.ZERO).build();
        BreakerSettings breaker = new BreakerSettings(100, Duration.ofHours(1), 1, 1, Optional.empty());
        List<MethodMapping> mappings = List.of(new MethodMapping(MethodPattern.parse(TARGET + ".fetch"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", retry, breaker)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(config.methods());
        return new ClassInstrumenter(registry, selector, cache).instrument(TARGET, original(),
                MethodSelectorTest.covering(selector, FlakyTarget.class), WovenClassCacheTest.class.getClassLoader());
    }

    private static byte[] original() throws IOException {
        return ClassHeaderTest.classFile(FlakyTarget.class);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".woven")).toList();
        }
    }

    @Test
    void aSecondStartTakesTheWovenClassFromTheCacheAndItStillRetries() throws Exception {
        byte[] first = start(WovenClassCache.open(dir, FINGERPRINT));
        assertThat(entries()).hasSize(1);
        assertThat(entries().get(0).getParent()).isEqualTo(dir.toRealPath().resolve(FINGERPRINT));

        WovenClassCache secondStart = WovenClassCache.open(dir, FINGERPRINT);
        byte[] second = start(secondStart);

        assertThat(secondStart.classesFromCache()).isEqualTo(1);
        assertThat(second).isEqualTo(first);
        Class<?> target = new WovenClassLoader(Map.of(TARGET, second), getClass().getClassLoader()).loadClass(TARGET);
        target.getField("failuresLeft").setInt(null, 2);
        Object result = target.getMethod("fetch", String.class).invoke(target.getConstructor().newInstance(), "k");
        assertThat(result).isEqualTo("value-k");
        assertThat((AtomicInteger) target.getField("RUNS").get(null)).hasValue(3);
    }

    @Test
    void anEntryServesTheClassWhateverIdsItsMethodsGetAtAStart() throws Exception {
        byte[] classFile = original();
        String fetch = "fetch(Ljava/lang/String;)Ljava/lang/String;";
        WovenClassCache firstStart = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(firstStart.weave("com/example/sample/FlakyTarget", classFile, Map.of(fetch, 3), Set.of()).classFile())
                .isEqualTo(ClassWeaver.weave(classFile, Map.of(fetch, 3)).classFile());

        WovenClassCache nextStart = WovenClassCache.open(dir, FINGERPRINT);
        byte[] served = nextStart.weave("com/example/sample/FlakyTarget", classFile, Map.of(fetch, 8), Set.of()).classFile();

        assertThat(nextStart.classesFromCache()).as("classes loaded in another order give the method another id").isEqualTo(1);
        assertThat(served).as("what weaving with id 8 gives").isEqualTo(ClassWeaver.weave(classFile, Map.of(fetch, 8)).classFile());
        assertThat(entries()).hasSize(1);
    }

    @Test
    void aClassHoldingAPlaceholdersValueIsWovenWithItsIdsAndNotKept() throws Exception {
        byte[] classFile = ClassHeaderTest.classFile(PlaceholderLookalike.class);
        assertThat(PlaceholderLookalike.LOOKS_LIKE_A_PLACEHOLDER).isEqualTo(DispatcherIds.FIRST_PLACEHOLDER);
        Map<String, Integer> ids = Map.of("fetch(Ljava/lang/String;)Ljava/lang/String;", 5);
        WovenClassCache cache = WovenClassCache.open(dir, FINGERPRINT);

        byte[] woven = cache.weave("com/example/sample/PlaceholderLookalike", classFile, ids, Set.of()).classFile();

        assertThat(woven).isEqualTo(ClassWeaver.weave(classFile, ids).classFile());
        assertThat(entries()).isEmpty();
    }

    @Test
    void anotherAgentBuildWeavesAgainInADirectoryOfItsOwn() throws Exception {
        start(WovenClassCache.open(dir, FINGERPRINT));

        WovenClassCache otherBuild = WovenClassCache.open(dir, "ffffffff-ffffffff-2000");
        start(otherBuild);

        assertThat(otherBuild.classesFromCache()).isZero();
        assertThat(entries()).hasSize(2);
    }

    @Test
    void aDamagedEntryIsWovenAgainAndReplaced() throws Exception {
        byte[] first = start(WovenClassCache.open(dir, FINGERPRINT));
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(entry, bytes);

        WovenClassCache damaged = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(start(damaged)).isEqualTo(first);
        assertThat(damaged.classesFromCache()).isZero();

        WovenClassCache repaired = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(start(repaired)).isEqualTo(first);
        assertThat(repaired.classesFromCache()).isEqualTo(1);
    }

    @Test
    void anEntryAnotherUserCouldHaveWrittenIsNotUsed() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
        byte[] first = start(WovenClassCache.open(dir, FINGERPRINT));
        Path entry = entries().get(0);
        Files.setAttribute(entry, "unix:mode", 0666);

        WovenClassCache othersCanWrite = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(start(othersCanWrite)).isEqualTo(first);
        assertThat(othersCanWrite.classesFromCache()).as("an entry others can write").isZero();
        assertThat(Files.getAttribute(entry, "unix:mode")).as("replaced by one of the JVM's user").isEqualTo(0100600);

        Path link = dir.resolve("elsewhere.woven");
        Files.move(entry, link);
        Files.createSymbolicLink(entry, link);
        WovenClassCache linked = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(start(linked)).isEqualTo(first);
        assertThat(linked.classesFromCache()).as("a link").isZero();

        if (PrivateDirectory.jvmUid() != null && PrivateDirectory.jvmUid() == 0) { // only root can give a file away
            Files.setAttribute(entry, "unix:uid", 4242);
            WovenClassCache anotherUsers = WovenClassCache.open(dir, FINGERPRINT);
            assertThat(start(anotherUsers)).isEqualTo(first);
            assertThat(anotherUsers.classesFromCache()).as("an entry of another user").isZero();
        }
        WovenClassCache repaired = WovenClassCache.open(dir, FINGERPRINT);
        assertThat(start(repaired)).isEqualTo(first);
        assertThat(repaired.classesFromCache()).isEqualTo(1);
    }

    @Test
    void aDirectoryRemovedAndMadeAgainWhileTheApplicationRunsIsNoLongerUsed() throws Exception {
        byte[] first = start(WovenClassCache.open(dir, FINGERPRINT));
        WovenClassCache running = WovenClassCache.open(dir, FINGERPRINT);
        Path own = dir.toRealPath().resolve(FINGERPRINT);
        Files.move(own, dir.resolve("removed"));
        // made again by whoever a parent lets in, holding an entry that would serve (here a copy of the real one)
        Files.createDirectory(own, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> removed = Files.list(dir.resolve("removed"))) {
            for (Path entry : removed.toList()) {
                Files.copy(entry, own.resolve(entry.getFileName()));
            }
        }

        assertThat(start(running)).isEqualTo(first);
        assertThat(start(running)).isEqualTo(first);

        assertThat(running.classesFromCache()).isZero();
        assertThat(agentLog.text().lines().filter(line -> line.contains("was removed or replaced while the application ran")))
                .singleElement().asString().isEqualTo("WARN  resilience-agent: the woven-class cache " + own + " was removed or "
                        + "replaced while the application ran, so it is no longer used and classes are woven; it is used again "
                        + "from the next start");
        WovenClassCache nextStart = WovenClassCache.open(dir, FINGERPRINT);
        start(nextStart);
        assertThat(nextStart.classesFromCache()).isEqualTo(1);
    }

    @Test
    void anEntryServesExactlyTheKeyAndClassFileItWasMadeFrom() throws Exception {
        byte[] classFile = original();
        Map<String, Integer> ids = Map.of("fetch(Ljava/lang/String;)Ljava/lang/String;", 7);
        byte[] key = WovenClassEntry.key(FINGERPRINT, "com/example/sample/FlakyTarget", ids, Set.of());
        Map<String, String> skipped = new LinkedHashMap<>();
        skipped.put("count(I)I", "its code would exceed the JVM's limit");
        byte[] entry = WovenClassEntry.encode(key, classFile, new ClassWeaver.Result(new byte[] {1, 2, 3}, skipped));

        ClassWeaver.Result result = WovenClassEntry.decode(entry, key, classFile);
        assertThat(result.classFile()).containsExactly(1, 2, 3);
        assertThat(result.skipped()).isEqualTo(skipped);

        byte[] otherClassFile = classFile.clone();
        otherClassFile[otherClassFile.length - 1] ^= 1;
        assertThat(WovenClassEntry.decode(entry, key, otherClassFile)).as("another class file").isNull();
        assertThat(WovenClassEntry.decode(entry, WovenClassEntry.key(FINGERPRINT, "com/example/sample/FlakyTarget",
                Map.of("count(I)I", 7), Set.of()), classFile)).as("another woven method").isNull();
        assertThat(WovenClassEntry.decode(entry, WovenClassEntry.key(FINGERPRINT, "com/example/sample/FlakyTarget", ids,
                Set.of("fetch(Ljava/lang/String;)Ljava/lang/String;")), classFile)).as("woven as async").isNull();
        assertThat(WovenClassEntry.decode(entry, WovenClassEntry.key("ffffffff-ffffffff-2000",
                "com/example/sample/FlakyTarget", ids, Set.of()), classFile)).as("another agent build").isNull();
        assertThat(WovenClassEntry.decode(java.util.Arrays.copyOf(entry, entry.length - 1), key, classFile))
                .as("truncated").isNull();

        byte[] nothingWoven = WovenClassEntry.encode(key, classFile, new ClassWeaver.Result(null, skipped));
        assertThat(WovenClassEntry.decode(nothingWoven, key, classFile).classFile()).isNull();
    }

    @Test
    void refusesADirectoryOthersCanWriteAndCreatesItsOwnPrivate() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> WovenClassCache.open(shared, FINGERPRINT)).isInstanceOf(IOException.class)
                .hasMessageContaining("is writable by other users (rwxrwxrwx)").hasMessageContaining("chmod go-w");

        WovenClassCache.open(dir.resolve("new/cache"), FINGERPRINT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/cache")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/cache").resolve(FINGERPRINT))))
                .isEqualTo("rwx------");
    }

    @Test
    void refusesADirectoryBelowOneOthersCanWriteButNotBelowASticky() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
        Path team = Files.createDirectory(dir.resolve("team"));
        Files.setAttribute(team, "unix:mode", 0777);
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setAttribute(tmp, "unix:mode", 01777);

        assertThatThrownBy(() -> WovenClassCache.open(team.resolve("cache"), FINGERPRINT)).isInstanceOf(IOException.class)
                .hasMessageContaining(team + " is writable by other users (rwxrwxrwx)")
                .hasMessageContaining("a directory above the cache can replace it");
        WovenClassCache.open(tmp.resolve("cache"), FINGERPRINT); // others cannot rename what is not theirs there
        assertThat(tmp.resolve("cache").resolve(FINGERPRINT)).isDirectory();
    }

    @Test
    void theJvmsUserIdIsKnownWhereItHasNoNameToMatch() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Path mine = Files.createFile(dir.resolve("mine"));

        assertThat(PrivateDirectory.jvmUid()).isEqualTo(Files.getAttribute(mine, "unix:uid"));
    }

    @Test
    void aFullCacheKeepsNoMoreEntriesAndTheClassesAreWovenAllTheSame() throws Exception {
        byte[] classFile = original();
        String fetch = "fetch(Ljava/lang/String;)Ljava/lang/String;";
        WovenClassCache cache = WovenClassCache.open(dir, FINGERPRINT, 2);
        for (int n = 0; n < 3; n++) { // under three names, as classes generated anew at each start come
            assertThat(cache.weave("com/example/sample/FlakyTarget" + n, classFile, Map.of(fetch, n), Set.of()).classFile())
                    .as("woven as FlakyTarget" + n).isNotNull();
        }
        assertThat(entries()).as("FlakyTarget0 and 1 kept, 2 not").hasSize(2);

        WovenClassCache nextStart = WovenClassCache.open(dir, FINGERPRINT, 2);
        assertThat(nextStart.weave("com/example/sample/FlakyTarget3", classFile, Map.of(fetch, 3), Set.of()).classFile()).isNotNull();
        assertThat(entries()).as("the entries already there count").hasSize(2);
        assertThat(nextStart.weave("com/example/sample/FlakyTarget1", classFile, Map.of(fetch, 1), Set.of()).classFile()).isNotNull();
        assertThat(nextStart.classesFromCache()).as("a full cache still serves what it holds").isEqualTo(1);
        assertThat(agentLog.text().lines()
                .filter(line -> line.contains("holds its most entries (2), classes missing from it are woven without being kept"))
                .count()).as("one WARN line per start that finds it full").isEqualTo(2);
    }

    @Test
    void aDirectoryTheJvmsUserMayNotReadIsExplainedWithTheFix() {
        // a test run as root reads any directory, so the file system's exception is built here
        String reason = WovenClassCache.reason(new AccessDeniedException("/srv/cache/0123abcd-4567ef01-1000"), "/srv/cache");
        assertThat(reason).startsWith("permission denied on /srv/cache/0123abcd-4567ef01-1000 to the JVM's user ("
                + System.getProperty("user.name") + ")").contains("chmod -R go+rX /srv/cache");
        assertThat(WovenClassCache.reason(new FileSystemException("/srv/cache", null, "Read-only file system"), "/srv/cache"))
                .isEqualTo("FileSystemException on /srv/cache: Read-only file system");
    }

    @Test
    void outsideTheAgentJarTheCacheIsNotUsedAndSaysWhy() {
        assertThat(WovenClassCache.open(dir.toString())).isSameAs(WovenClassCache.NONE);
        assertThat(agentLog.text())
                .contains("WARN  resilience-agent: the woven-class cache " + dir + " is not used, classes are woven at every start")
                .contains("it does not run from its jar");
    }

    @Test
    void withoutACacheEveryStartWeaves() throws Exception {
        assertThat(start(WovenClassCache.NONE)).isNotNull();
        assertThat(WovenClassCache.NONE.classesFromCache()).isZero();
        assertThat(entries()).isEmpty();
    }
}
