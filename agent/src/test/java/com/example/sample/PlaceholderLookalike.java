package com.example.sample;

/** A class whose constant pool holds the woven-class cache's first placeholder id as an integer constant of its own. */
public class PlaceholderLookalike {
    public static final int LOOKS_LIKE_A_PLACEHOLDER = 0x5EA1_0000;

    public String fetch(String key) {
        return key + LOOKS_LIKE_A_PLACEHOLDER;
    }
}
