package com.example.grpc;

import com.example.support.StepRunner;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCalls;

/** The application's gRPC call: one blocking unary call; a failed call throws gRPC's {@code StatusRuntimeException}. */
public class GrpcFetcher {
    private final Channel channel;

    public GrpcFetcher(Channel channel) {
        this.channel = channel;
    }

    public String fetch(String key) {
        StepRunner.BODY.incrementAndGet();
        return ClientCalls.blockingUnaryCall(channel, GrpcRecipeApp.FETCH, CallOptions.DEFAULT, key);
    }
}
