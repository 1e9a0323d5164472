package io.resilienceagent.policy;

/**
 * What the engine needs to run an async method again: its name, descriptor, whether it is static, and
 * its declared return type (binary name), of which the caller's future must be.
 */
public record AsyncSignature(String name, String descriptor, boolean isStatic, String returnType) {
}
