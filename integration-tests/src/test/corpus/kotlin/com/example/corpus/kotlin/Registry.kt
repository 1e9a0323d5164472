package com.example.corpus.kotlin

import com.example.corpus.support.Flaky

/** An object: its method is an instance method of the singleton (Registry.INSTANCE). */
object Registry {
    fun lookup(key: String): String {
        Flaky.step("kotlin.object")
        return "value-of-$key"
    }
}

/** A companion object: its method lives in Service$Companion. */
class Service {
    companion object {
        fun create(n: Int): String {
            Flaky.step("kotlin.companion")
            return "service#$n"
        }
    }
}
