package com.example.lambda;

import java.net.ConnectException;

/** The interface a pattern names; {@link LambdaApp} implements it in a class, with a lambda, a method reference and a JDK proxy. */
public interface QuoteSource {
    String quote(int n) throws ConnectException;
}
