package com.example.grpc;

import com.example.support.StepRunner;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GrpcRecipeApp STEP...}: a gRPC server (Netty) on 127.0.0.1 and a client of it on a plaintext
 * channel, with gRPC's own defaults; {@code fetch KEY} calls {@link GrpcFetcher#fetch}. The server answers
 * by the key: {@code unavailable} fails with {@code UNAVAILABLE} once, {@code exhausted} with
 * {@code RESOURCE_EXHAUSTED} once, {@code notfound} always with {@code NOT_FOUND}, {@code down} always with
 * {@code UNAVAILABLE}, anything else succeeds. Each call reports {@code served}: the requests the server
 * saw for its key.
 */
public final class GrpcRecipeApp {
    static final MethodDescriptor<String, String> FETCH = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("recipe.Store/Fetch")
            .setRequestMarshaller(new Utf8()).setResponseMarshaller(new Utf8()).build();
    private static final Map<String, AtomicInteger> SERVED = new ConcurrentHashMap<>();

    private GrpcRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        ServerServiceDefinition store = ServerServiceDefinition.builder("recipe.Store")
                .addMethod(FETCH, ServerCalls.asyncUnaryCall((key, response) -> {
                    int seen = SERVED.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    Status failure = switch (key) {
                        case "unavailable" -> seen == 1 ? Status.UNAVAILABLE.withDescription("restarting") : null;
                        case "exhausted" -> seen == 1 ? Status.RESOURCE_EXHAUSTED.withDescription("slow down") : null;
                        case "notfound" -> Status.NOT_FOUND.withDescription("no such key");
                        case "down" -> Status.UNAVAILABLE.withDescription("down");
                        default -> null;
                    };
                    if (failure != null) {
                        response.onError(failure.asRuntimeException());
                    } else {
                        response.onNext("value-of-" + key);
                        response.onCompleted();
                    }
                })).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(store).build().start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        GrpcFetcher fetcher = new GrpcFetcher(channel);
        try {
            StepRunner.run(args, (op, a, extra) -> {
                try {
                    return fetcher.fetch(a[0]);
                } finally {
                    extra.put("served", String.valueOf(SERVED.getOrDefault(a[0], new AtomicInteger()).get()));
                }
            });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Strings as UTF-8 bytes: the recipe needs no protobuf. */
    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
