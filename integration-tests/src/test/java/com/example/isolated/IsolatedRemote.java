package com.example.isolated;

/** An interface the config names; loaded, with its implementation, by an isolated class loader. */
public interface IsolatedRemote {
    String call() throws Exception;

    int attempts();
}
