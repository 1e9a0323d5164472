package com.example.apache;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/** Apache's own connection factory, counting the connections the pool creates: one per new TCP connection. */
final class ConnectionCounter implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private final AtomicInteger created = new AtomicInteger();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        created.incrementAndGet();
        return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
    }

    int created() {
        return created.get();
    }
}
