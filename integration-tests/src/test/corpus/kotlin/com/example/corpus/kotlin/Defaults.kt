package com.example.corpus.kotlin

import com.example.corpus.support.Flaky

// Default arguments: a call that omits them goes through the synthetic greet$default / format$default,
// which fill them in and call the real method; only the real method is woven.

fun greet(name: String, greeting: String = "Hello"): String {
    Flaky.step("kotlin.default.topLevel")
    return "$greeting, $name"
}

/** A member function with default arguments. */
class Formatter(private val fill: Char) {
    fun format(value: Long, width: Int = 6, suffix: String = ""): String {
        Flaky.step("kotlin.default.member")
        return value.toString().padStart(width, fill) + suffix
    }
}
