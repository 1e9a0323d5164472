package com.example.corpus.scala

import com.example.corpus.support.Flaky
import scala.annotation.switch

/** Instance methods: a synchronized block, try/catch/finally, matches compiled to switches, a lambda. */
class Account(owner: String, private var balance: Long) {
  private val lock = new Object

  def deposit(amount: Long): Long = {
    Flaky.step("scala.account.deposit")
    balance += amount
    balance
  }

  def syncBlock(a: Int): Int = {
    val inside = lock.synchronized {
      Flaky.step("scala.sync.block")
      Thread.holdsLock(lock)
    }
    if (inside && !Thread.holdsLock(lock)) a * 3 else -1
  }

  def syncThis(a: Int): String = this.synchronized {
    Flaky.step("scala.sync.this")
    s"held=${Thread.holdsLock(this)},sum=${a + balance}"
  }

  def tryCatchFinally(a: Int): Int = {
    var result = 0
    try {
      Flaky.step("scala.tryCatchFinally")
      result = ("x" + a).toInt
    } catch {
      case _: NumberFormatException => result = a * 2
    } finally {
      result += 1
    }
    result
  }

  def matchTable(n: Int): String = {
    Flaky.step("scala.match.table")
    (n: @switch) match {
      case 0 => "zero"
      case 1 => "one"
      case 2 => "two"
      case 3 => "three"
      case _ => "many"
    }
  }

  def matchLookup(n: Int): Int = {
    Flaky.step("scala.match.lookup")
    (n: @switch) match {
      case -1000 => 1
      case 7 => 2
      case 100000 => 3
      case _ => 0
    }
  }

  def matchString(s: String): Int = {
    Flaky.step("scala.match.string")
    s match {
      case "alpha" => 1
      case "beta" => 2
      case "gamma" => 3
      case _ => -1
    }
  }

  def lambda(a: Int, n: Int): Int = {
    Flaky.step("scala.lambda")
    (1 to n).map(i => i * a + owner.length).sum
  }
}
