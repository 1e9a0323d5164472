package com.example.corpus.kotlin

import com.example.corpus.kotlin.help.Sink
import com.example.corpus.support.Flaky

// Returns with other values on the operand stack beneath the return value: `?: return` inside an
// argument list, and `return` inside an expression. The early exits leave the arguments already
// pushed (an int, a long, a double, references) below the returned value.

fun elvisLong(a: Long, x: Int?): Long {
    Flaky.step("kotlin.elvis.long")
    return Sink.combine(a, x ?: return -1L)
}

fun elvisString(prefix: String, x: String?): String {
    Flaky.step("kotlin.elvis.string")
    return Sink.join(prefix, x ?: return "none")
}

fun ifReturn(a: Int, c: Boolean, b: Int): Int {
    Flaky.step("kotlin.ifReturn")
    return Math.max(a, if (c) return 0 else b)
}

fun whenReturn(factor: Double, code: Int): Double {
    Flaky.step("kotlin.whenReturn")
    return Sink.scale(factor, when (code) {
        0 -> return -0.5
        1 -> 10.0
        else -> 20.0
    })
}
