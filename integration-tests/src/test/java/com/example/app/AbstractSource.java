package com.example.app;

import java.io.IOException;

/** An abstract class the config names; the protected code lives in {@link HttpSource}. */
public abstract class AbstractSource {
    public abstract int load(String url) throws IOException, InterruptedException;
}
