package com.example.sample;

/** An interface a pattern may name; its implementations are covered. */
public interface Fetcher {
    String fetch(String key) throws Exception;
}
