package com.example.isolated;

/** An interface the config names; each isolated class loader loads its own copy, with {@link TwinImpl}. */
public interface TwinRemote {
    String call() throws Exception;
}
