package com.example.modular.bundled;

/**
 * What the launcher loads through the module system's loader: the client is then loaded because this
 * class's code refers to it, as an application's own classes load one another (with a class of the
 * module on the stack, which OSGi frameworks tell apart from a request from outside).
 */
public final class ModularEntry {
    private ModularEntry() {
    }

    public static Object client() {
        return new ModularClient();
    }
}
