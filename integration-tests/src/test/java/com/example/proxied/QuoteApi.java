package com.example.proxied;

/** A client interface that a library implements with a {@code java.lang.reflect.Proxy}, as Feign and Retrofit do. */
public interface QuoteApi {
    String quote(int id) throws java.io.IOException;
}
