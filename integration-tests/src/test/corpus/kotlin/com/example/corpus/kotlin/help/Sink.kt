package com.example.corpus.kotlin.help

/** Where corpus functions without a result leave one, and plain helpers; outside the covered package. */
object Sink {
    @Volatile
    var last: Any? = null

    fun combine(a: Long, b: Int): Long = a * 1000 + b

    fun join(prefix: String, value: String): String = "$prefix:$value"

    fun scale(factor: Double, value: Double): Double = factor * value
}
