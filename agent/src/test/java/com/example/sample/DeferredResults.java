package com.example.sample;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.ListenableFuture;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Stream;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.Job;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Methods whose result completes after they return, through the publishers and futures of the JDK and
 * of the common libraries (the weaver leaves a publisher's unwoven and weaves a {@code Future}'s with a
 * warning), beside ones it protects.
 */
public class DeferredResults {
    /** An application's own future on a JDK one. */
    public static class OwnTask extends FutureTask<String> {
        public OwnTask() {
            super(() -> "done");
        }
    }

    public Mono<String> mono() {
        return Mono.just("x");
    }

    public Flux<String> flux() {
        return Flux.just("x");
    }

    public Single<String> rxSingle() {
        return Single.just("x");
    }

    public Maybe<String> rxMaybe() {
        return Maybe.just("x");
    }

    public Completable rxCompletable() {
        return Completable.complete();
    }

    public Observable<String> rxObservable() {
        return Observable.just("x");
    }

    public Flowable<String> rxFlowable() {
        return Flowable.just("x");
    }

    public io.reactivex.Single<String> rx2Single() {
        return io.reactivex.Single.just("x");
    }

    public io.reactivex.Observable<String> rx2Observable() {
        return io.reactivex.Observable.just("x");
    }

    public io.reactivex.Completable rx2Completable() {
        return io.reactivex.Completable.complete();
    }

    public io.reactivex.Maybe<String> rx2Maybe() {
        return io.reactivex.Maybe.just("x");
    }

    public Uni<String> uni() {
        return Uni.createFrom().item("x");
    }

    public Multi<String> multi() {
        return Multi.createFrom().item("x");
    }

    public rx.Observable<String> rx1Observable() {
        return rx.Observable.just("x");
    }

    public rx.Single<String> rx1Single() {
        return rx.Single.just("x");
    }

    public io.vertx.core.Future<String> vertx() {
        return io.vertx.core.Future.succeededFuture("x");
    }

    public io.netty.util.concurrent.Future<String> netty() {
        return null;
    }

    public ListenableFuture<String> guava() {
        return null;
    }

    public FluentFuture<String> guavaFluent() {
        return null;
    }

    public Future<String> future() {
        return CompletableFuture.completedFuture("x");
    }

    public FutureTask<String> futureTask() {
        return null;
    }

    public ForkJoinTask<String> forkJoinTask() {
        return null;
    }

    public OwnTask ownTask() {
        return new OwnTask();
    }

    public Flow.Publisher<String> flowPublisher() {
        return new SubmissionPublisher<>();
    }

    public scala.concurrent.Future<String> scala() {
        return null;
    }

    public Deferred<String> kotlinDeferred() {
        return null;
    }

    public Job kotlinJob() {
        return null;
    }

    public kotlinx.coroutines.flow.Flow<String> kotlinFlow() {
        return null;
    }

    public String blocking() {
        return "x";
    }

    public CompletableFuture<String> completable() {
        return CompletableFuture.completedFuture("x");
    }

    public Stream<String> stream() {
        return Stream.of("x");
    }

    public Optional<String> optional() {
        return Optional.of("x");
    }
}
