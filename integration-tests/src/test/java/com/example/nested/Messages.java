package com.example.nested;

/**
 * An SDK-style service interface: the short overload is a default method that delegates to the
 * implementation's full one, as Kotlin defaults in real SDKs do. A pattern naming the interface
 * covers both, so one request runs two protected methods of the same service, one inside the other.
 */
public interface Messages {
    default int create(String url) throws ApiException {
        return create(url, 5_000);
    }

    int create(String url, int timeoutMillis) throws ApiException;
}
