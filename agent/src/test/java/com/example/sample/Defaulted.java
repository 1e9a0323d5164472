package com.example.sample;

import java.net.ConnectException;

/** An interface with a default method, which a pattern may cover too. */
public interface Defaulted {
    default String greet(String name) throws ConnectException {
        Failures.maybeFail();
        return "hello " + name;
    }
}
