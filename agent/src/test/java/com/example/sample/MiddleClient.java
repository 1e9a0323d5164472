package com.example.sample;

public abstract class MiddleClient extends BaseClient implements Fetcher {
    @Override
    public String fetch(String key) {
        return key;
    }
}
