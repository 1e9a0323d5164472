package com.example.corpus.scala

import com.example.corpus.scala.help.Ops
import com.example.corpus.support.Flaky

/** One method per return type, and long/double parameters in two-slot locals. */
class Returns {
  def unitCase(a: Int, b: Int): Unit = {
    Flaky.step("scala.unit")
    Ops.last = a * b
  }

  def booleanCase(a: Int): Boolean = {
    Flaky.step("scala.boolean")
    a > 3
  }

  def byteCase(a: Int): Byte = {
    Flaky.step("scala.byte")
    (a + 1).toByte
  }

  def charCase(c: Char, shift: Int): Char = {
    Flaky.step("scala.char")
    (c + shift).toChar
  }

  def shortCase(a: Short, b: Short): Short = {
    Flaky.step("scala.short")
    (a * b).toShort
  }

  def intCase(a: Int, b: Int): Int = {
    Flaky.step("scala.int")
    a + b
  }

  def longCase(a: Long, b: Int): Long = {
    Flaky.step("scala.long")
    a * b
  }

  def floatCase(a: Float, b: Float): Float = {
    Flaky.step("scala.float")
    a / b
  }

  def doubleCase(a: Double, b: Double): Double = {
    Flaky.step("scala.double")
    a * b
  }

  def stringCase(prefix: String, n: Int): String = {
    Flaky.step("scala.string")
    s"$prefix-$n"
  }

  def intArrayCase(n: Int): Array[Int] = {
    Flaky.step("scala.intArray")
    Array.tabulate(n)(i => i * i)
  }

  def objectArrayCase(a: String, b: String): Array[String] = {
    Flaky.step("scala.objectArray")
    Array(a, b)
  }

  def wide(a: Long, b: Int, c: Double, d: Long): Double = {
    Flaky.step("scala.wide")
    a * b + c * d
  }
}
