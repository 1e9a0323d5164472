package com.example.corpus.kotlin

import com.example.corpus.support.Flaky

/** Instance methods: synchronized (the annotation and a block), try/catch/finally, `when`, a lambda. */
class Account(private val owner: String, private var balance: Long) {
    private val lock = Any()

    fun deposit(amount: Long): Long {
        Flaky.step("kotlin.account.deposit")
        balance += amount
        return balance
    }

    @Synchronized
    fun syncMethod(a: Int): String {
        Flaky.step("kotlin.sync.method")
        return "held=${Thread.holdsLock(this)},sum=${a + balance}"
    }

    fun syncBlock(a: Int): Int {
        val inside = synchronized(lock) {
            Flaky.step("kotlin.sync.block")
            Thread.holdsLock(lock)
        }
        return if (inside && !Thread.holdsLock(lock)) a * 3 else -1
    }

    fun tryCatchFinally(a: Int): Int {
        var result = 0
        try {
            Flaky.step("kotlin.tryCatchFinally")
            result = "x$a".toInt()
        } catch (e: NumberFormatException) {
            result = a * 2
        } finally {
            result += 1
        }
        return result
    }

    fun whenTable(n: Int): String {
        Flaky.step("kotlin.when.table")
        return when (n) {
            0 -> "zero"
            1 -> "one"
            2 -> "two"
            3 -> "three"
            else -> "many"
        }
    }

    fun whenLookup(n: Int): Int {
        Flaky.step("kotlin.when.lookup")
        return when (n) {
            -1000 -> 1
            7 -> 2
            100000 -> 3
            else -> 0
        }
    }

    fun whenString(s: String): Int {
        Flaky.step("kotlin.when.string")
        return when (s) {
            "alpha" -> 1
            "beta" -> 2
            "gamma" -> 3
            else -> -1
        }
    }

    // Kotlin 2 names the lambda's body after this function: scaled$lambda$0
    fun scaled(a: Int, b: Int): Int {
        val times: (Int) -> Int = { it * a + owner.length }
        Flaky.step("kotlin.lambda")
        return times(b)
    }
}
