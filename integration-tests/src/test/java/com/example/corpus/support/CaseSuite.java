package com.example.corpus.support;

/**
 * The cases of one part of the corpus, written in the corpus's own language so that each corpus method
 * is called the way that language calls it (through a bridge, a {@code $default} stub, a companion...).
 * Implementations have a public no-argument constructor; the runner finds them by name.
 */
public interface CaseSuite {
    /** Adds every case of this suite. */
    void register(Cases cases);
}
