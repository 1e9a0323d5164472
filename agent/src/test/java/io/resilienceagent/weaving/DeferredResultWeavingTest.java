package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.DeferredResults;
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
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A method whose result completes after it returns, through a publisher or a library's future that is
 * no {@code CompletionStage}, would count as a success the moment it returned if woven as a synchronous
 * method: it is left unwoven with one WARN line. One returning a {@code java.util.concurrent.Future}
 * (Guava's and Netty's too) is woven as a synchronous method, with one WARN line. The return types are
 * the real libraries' (Reactor, RxJava 1, 2 and 3, Mutiny, Vert.x, Netty, Guava, Scala,
 * kotlinx.coroutines) and the JDK's, read through the class loader as the agent reads them.
 */
class DeferredResultWeavingTest {
    private static final String TARGET = DeferredResults.class.getName();
    private static final List<String> PROTECTED = List.of("blocking", "completable", "stream", "optional");
    /** Woven, with a warning: a body that completes its future before returning is protected on what it throws. */
    private static final List<String> FUTURES = List.of("future", "futureTask", "forkJoinTask", "ownTask", "guava",
            "guavaFluent", "netty");

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    @Test
    void methodsReturningAPublisherOrALibrarysFutureRunUnwovenAndOnesReturningAFutureAreWovenEachWithOneLine() throws Exception {
        List<MethodMapping> mappings = List.of(new MethodMapping(MethodPattern.parse(TARGET + ".*"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(mappings);

        byte[] woven = new ClassInstrumenter(registry, selector).instrument(TARGET,
                ClassHeaderTest.classFile(DeferredResults.class), MethodSelectorTest.covering(selector, DeferredResults.class),
                getClass().getClassLoader());

        List<Method> deferred = Arrays.stream(DeferredResults.class.getDeclaredMethods())
                .filter(m -> !PROTECTED.contains(m.getName()) && !FUTURES.contains(m.getName()) && !m.isSynthetic()).toList();
        assertThat(deferred).hasSize(21);
        for (Method method : deferred) {
            assertThat(linesNaming(method)).as(method.getName()).singleElement().asString().isEqualTo("WARN  Could not instrument "
                    + TARGET + "." + method.getName() + "(), it runs unprotected: it returns " + method.getReturnType().getName()
                    + ", whose outcome comes after the method returns through a type the agent does not follow (it "
                    + "follows CompletionStage and CompletableFuture), so a call would count as a success as soon "
                    + "as it returned; protect the client method that makes the request and waits for it, or one "
                    + "returning CompletionStage or CompletableFuture");
        }
        for (String name : FUTURES) {
            Method method = DeferredResults.class.getMethod(name);
            assertThat(linesNaming(method)).as(name).singleElement().asString().isEqualTo("WARN  " + TARGET + "." + name
                    + "() returns " + method.getReturnType().getName() + ", a Future the agent does not follow (it follows "
                    + "CompletionStage and CompletableFuture): it is protected on what the method throws, and a failure its "
                    + "future carries later is neither retried nor counted; protect the client method that makes the request "
                    + "and waits for it, or one returning CompletionStage or CompletableFuture");
        }
        assertThat(woven).as("the protected methods are woven").isNotNull();
        assertThat(registry.instrumentedMethods()).containsExactlyInAnyOrder(Stream.concat(PROTECTED.stream(), FUTURES.stream())
                .map(name -> TARGET + "." + name + "()").toArray(String[]::new));
        assertThat(agentLog.text().lines().filter(l -> PROTECTED.stream().anyMatch(name -> l.contains("." + name + "()"))))
                .isEmpty();
    }

    @Test
    void whereTheReturnTypesClassFileCannotBeReadTheCommonTypesAreKnownByName() {
        ClassLoader servesNoLibrary = new ClassLoader(null) {
        };

        for (Class<?> publisher : List.of(reactor.core.publisher.Mono.class, reactor.core.publisher.Flux.class,
                io.reactivex.rxjava3.core.Single.class, io.reactivex.Observable.class, rx.Observable.class,
                io.smallrye.mutiny.Uni.class, kotlinx.coroutines.Deferred.class, io.vertx.core.Future.class)) {
            assertThat(FutureTypes.of(publisher.getName().replace('.', '/'), servesNoLibrary)).as(publisher.getName())
                    .isEqualTo(FutureTypes.Kind.DEFERRED);
        }
        assertThat(FutureTypes.of("com/google/common/util/concurrent/ListenableFuture", servesNoLibrary))
                .isEqualTo(FutureTypes.Kind.FUTURE);
        assertThat(FutureTypes.of("com/example/Unknown", servesNoLibrary)).isEqualTo(FutureTypes.Kind.SYNC);
    }

    private List<String> linesNaming(Method method) {
        return agentLog.text().lines().filter(l -> l.contains("." + method.getName() + "()")).toList();
    }
}
