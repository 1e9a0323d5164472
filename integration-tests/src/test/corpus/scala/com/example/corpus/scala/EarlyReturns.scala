package com.example.corpus.scala

import com.example.corpus.scala.help.Ops
import com.example.corpus.support.Flaky

/**
 * `return` inside an expression: the early exit leaves what was already pushed for the enclosing call
 * (the Ops module, a long, a double, a string) on the operand stack beneath the returned value.
 */
class EarlyReturns {
  def pickLong(a: Long, c: Boolean, b: Int): Long = {
    Flaky.step("scala.return.long")
    Ops.combine(a, if (c) return 0L else b)
  }

  def pickString(prefix: String, value: String): String = {
    Flaky.step("scala.return.string")
    Ops.join(prefix, if (value == null) return "none" else value)
  }

  def pickDouble(factor: Double, code: Int): Double = {
    Flaky.step("scala.return.double")
    Ops.scale(factor, code match {
      case 0 => return -0.5
      case 1 => 10.0
      case _ => 20.0
    })
  }
}
