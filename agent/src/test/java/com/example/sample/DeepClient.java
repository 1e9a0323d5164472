package com.example.sample;

/** Covered through BaseClient two levels up and Fetcher through MiddleClient. */
public class DeepClient extends MiddleClient {
    @Override
    public String call() {
        return "deep";
    }
}
