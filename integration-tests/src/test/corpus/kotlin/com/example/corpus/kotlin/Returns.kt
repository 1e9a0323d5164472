package com.example.corpus.kotlin

import com.example.corpus.kotlin.help.Sink
import com.example.corpus.support.Flaky

// Top-level functions (static methods of ReturnsKt, none of them suspending): one per return type,
// and long/double parameters in two-slot locals.

fun unitCase(a: Int, b: Int) {
    Flaky.step("kotlin.unit")
    Sink.last = a * b
}

fun booleanCase(a: Int): Boolean {
    Flaky.step("kotlin.boolean")
    return a > 3
}

fun byteCase(a: Int): Byte {
    Flaky.step("kotlin.byte")
    return (a + 1).toByte()
}

fun charCase(c: Char, shift: Int): Char {
    Flaky.step("kotlin.char")
    return c + shift
}

fun shortCase(a: Short, b: Short): Short {
    Flaky.step("kotlin.short")
    return (a * b).toShort()
}

fun intCase(a: Int, b: Int): Int {
    Flaky.step("kotlin.int")
    return a + b
}

fun longCase(a: Long, b: Int): Long {
    Flaky.step("kotlin.long")
    return a * b
}

fun floatCase(a: Float, b: Float): Float {
    Flaky.step("kotlin.float")
    return a / b
}

fun doubleCase(a: Double, b: Double): Double {
    Flaky.step("kotlin.double")
    return a * b
}

fun stringCase(prefix: String, n: Int): String {
    Flaky.step("kotlin.string")
    return "$prefix-$n"
}

fun intArrayCase(n: Int): IntArray {
    Flaky.step("kotlin.intArray")
    return IntArray(n) { it * it }
}

fun objectArrayCase(a: String, b: String): Array<String> {
    Flaky.step("kotlin.objectArray")
    return arrayOf(a, b)
}

fun wide(a: Long, b: Int, c: Double, d: Long): Double {
    Flaky.step("kotlin.wide")
    return a * b + c * d
}
