package com.example.corpus.scala.help

/** Plain helpers the corpus calls, outside the covered package, and where Unit methods leave a result. */
object Ops {
  @volatile var last: Any = null

  def combine(a: Long, b: Int): Long = a * 1000 + b

  def join(prefix: String, value: String): String = prefix + ":" + value

  def scale(factor: Double, value: Double): Double = factor * value
}
