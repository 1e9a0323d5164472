package com.example.app;

/** A returned value whose status accessor throws: the agent must treat it as having no status. */
public final class ExplodingStatus {
    public int statusCode() {
        throw new IllegalStateException("statusCode() exploded");
    }

    @Override
    public String toString() {
        return "exploding-status";
    }
}
