package com.example.corpus.kotlin

import com.example.corpus.support.Flaky

/** A generic interface: StringBox.put(String) gets a bridge put(Object). */
interface Box<T> {
    fun put(value: T): T
}

/** The real put(String); the bridge put(Object) is only a cast and a call. */
class StringBox : Box<String> {
    override fun put(value: String): String {
        Flaky.step("kotlin.bridge")
        return value + value
    }
}

/** An interface method with a body (a JVM default method). */
interface Greeter {
    val name: String

    fun greet(greeting: String): String {
        Flaky.step("kotlin.default.interface")
        return "$greeting, $name"
    }
}

/** Inherits greet; Kotlin adds a forwarder to it, flagged as a bridge. */
class PoliteGreeter : Greeter {
    override val name: String = "Ada"
}

/** Nested classes: Outer$Inner (inner, holds the outer instance) and Outer$Nested. */
class Outer(private val factor: Int) {
    inner class Inner {
        fun times(x: Int): Int {
            Flaky.step("kotlin.inner")
            return x * factor
        }
    }

    class Nested {
        fun tag(s: String): String {
            Flaky.step("kotlin.nested")
            return "<$s>"
        }
    }
}
