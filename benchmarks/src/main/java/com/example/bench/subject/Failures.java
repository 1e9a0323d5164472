package com.example.bench.subject;

import java.net.ConnectException;

/**
 * The transient failure of the retry benchmarks. One instance, created once (its stack trace is filled
 * in once, at class initialisation), thrown again and again: the benchmarks measure the retry
 * machinery, not {@code fillInStackTrace}. The agent, resilience4j and Failsafe all get this same
 * instance.
 */
public final class Failures {
    public static final ConnectException CONNECT = new ConnectException("Connection refused (benchmark)");

    private Failures() {
    }
}
