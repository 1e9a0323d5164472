package com.example.corpus.kotlin.suite

import com.example.corpus.kotlin.Account
import com.example.corpus.kotlin.Box
import com.example.corpus.kotlin.Formatter
import com.example.corpus.kotlin.Outer
import com.example.corpus.kotlin.PoliteGreeter
import com.example.corpus.kotlin.Registry
import com.example.corpus.kotlin.Service
import com.example.corpus.kotlin.StringBox
import com.example.corpus.kotlin.booleanCase
import com.example.corpus.kotlin.byteCase
import com.example.corpus.kotlin.charCase
import com.example.corpus.kotlin.doubleCase
import com.example.corpus.kotlin.elvisLong
import com.example.corpus.kotlin.elvisString
import com.example.corpus.kotlin.floatCase
import com.example.corpus.kotlin.greet
import com.example.corpus.kotlin.help.Sink
import com.example.corpus.kotlin.ifReturn
import com.example.corpus.kotlin.intArrayCase
import com.example.corpus.kotlin.intCase
import com.example.corpus.kotlin.longCase
import com.example.corpus.kotlin.objectArrayCase
import com.example.corpus.kotlin.shortCase
import com.example.corpus.kotlin.stringCase
import com.example.corpus.kotlin.unitCase
import com.example.corpus.kotlin.whenReturn
import com.example.corpus.kotlin.wide
import com.example.corpus.support.CaseSuite
import com.example.corpus.support.Cases

/** The Kotlin cases, each calling a corpus function the way Kotlin code calls it. */
class KotlinSuite : CaseSuite {
    override fun register(cases: Cases) {
        cases.add("returns.unit", 12) { unitCase(3, 4); Sink.last }
        cases.add("returns.boolean", true) { booleanCase(4) }
        cases.add("returns.byte", 8.toByte()) { byteCase(7) }
        cases.add("returns.char", 'c') { charCase('a', 2) }
        cases.add("returns.short", 600.toShort()) { shortCase(20, 30) }
        cases.add("returns.int", 42) { intCase(40, 2) }
        cases.add("returns.long", 3_000_000_000L) { longCase(1_000_000_000L, 3) }
        cases.add("returns.float", 2.5f) { floatCase(5f, 2f) }
        cases.add("returns.double", 0.75) { doubleCase(1.5, 0.5) }
        cases.add("returns.string", "id-7") { stringCase("id", 7) }
        cases.add("returns.intArray", intArrayOf(0, 1, 4, 9)) { intArrayCase(4) }
        cases.add("returns.objectArray", arrayOf("a", "b")) { objectArrayCase("a", "b") }
        cases.add("wide", 2 * 3 + 2.5 * 10) { wide(2, 3, 2.5, 10) }

        cases.add("beneath.elvis.long", 5_000L + 9) { elvisLong(5, 9) }
        cases.add("beneath.elvis.long.early", -1L) { elvisLong(5, null) }
        cases.add("beneath.elvis.string", "p:v") { elvisString("p", "v") }
        cases.add("beneath.elvis.string.early", "none") { elvisString("p", null) }
        cases.add("beneath.ifReturn", 8) { ifReturn(3, false, 8) }
        cases.add("beneath.ifReturn.early", 0) { ifReturn(3, true, 8) }
        cases.add("beneath.whenReturn", 40.0) { whenReturn(2.0, 2) }
        cases.add("beneath.whenReturn.early", -0.5) { whenReturn(2.0, 0) }

        cases.add("account.deposit", 150L) { Account("ada", 100).deposit(50) }
        cases.add("sync.method", "held=true,sum=6") { Account("ada", 1).syncMethod(5) }
        cases.add("sync.block", 15) { Account("ada", 1).syncBlock(5) }
        cases.add("tryCatchFinally", 9) { Account("ada", 1).tryCatchFinally(4) }
        cases.add("when.table", "three") { Account("ada", 1).whenTable(3) }
        cases.add("when.lookup", 3) { Account("ada", 1).whenLookup(100000) }
        cases.add("when.string", 2) { Account("ada", 1).whenString("beta") }
        cases.add("lambda", 3 * 2 + 3) { Account("ada", 1).scaled(2, 3) }

        cases.add("object", "value-of-k") { Registry.lookup("k") }
        cases.add("companion", "service#3") { Service.create(3) }
        cases.add("default.topLevel", "Hello, Ada") { greet("Ada") }
        cases.add("default.member.explicit", "___42!") { Formatter('_').format(42, width = 5, suffix = "!") }
        cases.add("default.member.allDefaults", "____42") { Formatter('_').format(42) }
        cases.add("bridge", "abab") {
            val viaInterface: Box<String> = StringBox()
            viaInterface.put("ab")
        }
        cases.add("interface.default", "Hi, Ada") { PoliteGreeter().greet("Hi") }
        cases.add("inner", 42) { Outer(6).Inner().times(7) }
        cases.add("nested", "<n>") { Outer.Nested().tag("n") }
    }
}
