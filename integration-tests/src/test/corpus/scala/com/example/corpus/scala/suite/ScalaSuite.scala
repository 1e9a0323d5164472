package com.example.corpus.scala.suite

import com.example.corpus.scala._
import com.example.corpus.scala.help.Ops
import com.example.corpus.support.{CaseSuite, Cases}
import java.util.concurrent.Callable

/** The Scala cases, each calling a corpus method the way Scala code calls it. */
class ScalaSuite extends CaseSuite {
  private def add(cases: Cases, name: String, expected: Any)(body: => Any): Unit =
    cases.add(name, expected, new Callable[Any] { def call(): Any = body })

  override def register(cases: Cases): Unit = {
    // every corpus class is first touched inside its case, so one that fails to verify fails only its cases
    def r = new Returns
    add(cases, "returns.unit", 12) { r.unitCase(3, 4); Ops.last }
    add(cases, "returns.boolean", true)(r.booleanCase(4))
    add(cases, "returns.byte", 8.toByte)(r.byteCase(7))
    add(cases, "returns.char", 'c')(r.charCase('a', 2))
    add(cases, "returns.short", 600.toShort)(r.shortCase(20, 30))
    add(cases, "returns.int", 42)(r.intCase(40, 2))
    add(cases, "returns.long", 3000000000L)(r.longCase(1000000000L, 3))
    add(cases, "returns.float", 2.5f)(r.floatCase(5f, 2f))
    add(cases, "returns.double", 0.75)(r.doubleCase(1.5, 0.5))
    add(cases, "returns.string", "id-7")(r.stringCase("id", 7))
    add(cases, "returns.intArray", Array(0, 1, 4, 9))(r.intArrayCase(4))
    add(cases, "returns.objectArray", Array("a", "b"))(r.objectArrayCase("a", "b"))
    add(cases, "wide", 31.0)(r.wide(2, 3, 2.5, 10))

    def early = new EarlyReturns
    add(cases, "beneath.return.long", 5009L)(early.pickLong(5, c = false, 9))
    add(cases, "beneath.return.long.early", 0L)(early.pickLong(5, c = true, 9))
    add(cases, "beneath.return.string", "p:v")(early.pickString("p", "v"))
    add(cases, "beneath.return.string.early", "none")(early.pickString("p", null))
    add(cases, "beneath.return.double", 40.0)(early.pickDouble(2.0, 2))
    add(cases, "beneath.return.double.early", -0.5)(early.pickDouble(2.0, 0))

    add(cases, "account.deposit", 150L)(new Account("ada", 100).deposit(50))
    add(cases, "sync.block", 15)(new Account("ada", 1).syncBlock(5))
    add(cases, "sync.this", "held=true,sum=6")(new Account("ada", 1).syncThis(5))
    add(cases, "tryCatchFinally", 9)(new Account("ada", 1).tryCatchFinally(4))
    add(cases, "match.table", "three")(new Account("ada", 1).matchTable(3))
    add(cases, "match.lookup", 3)(new Account("ada", 1).matchLookup(100000))
    add(cases, "match.string", 2)(new Account("ada", 1).matchString("beta"))
    add(cases, "lambda", (1 + 2 + 3) * 2 + 3 * 3)(new Account("ada", 1).lambda(2, 3))

    add(cases, "object", "value-of-k")(Registry.lookup("k"))
    add(cases, "trait", "Hi, Ada")(new PoliteGreeter().greet("Hi"))
    add(cases, "bridge", "abab") {
      val viaTrait: Box[String] = new StringBox
      viaTrait.put("ab")
    }
    add(cases, "inner", 42) {
      val outer = new Outer(6)
      new outer.Inner().times(7)
    }
    add(cases, "nested", "<n>")(new Outer.Nested().tag("n"))
  }
}
