package com.example.corpus.scala

import com.example.corpus.support.Flaky

/** An object: its method is an instance method of Registry$ (Registry$.MODULE$). */
object Registry {
  def lookup(key: String): String = {
    Flaky.step("scala.object")
    "value-of-" + key
  }
}

/** A trait method: a default method of the interface, reached from PoliteGreeter through its forwarder. */
trait Greeter {
  def name: String

  def greet(greeting: String): String = {
    Flaky.step("scala.trait")
    greeting + ", " + name
  }
}

/** Mixes in Greeter: scalac adds a forwarder greet, a real method that the config covers too. */
class PoliteGreeter extends Greeter {
  def name: String = "Ada"
}

/** A generic trait: StringBox.put(String) gets a bridge put(Object). */
trait Box[T] {
  def put(value: T): T
}

/** The real put(String); the bridge put(Object) is only a cast and a call. */
class StringBox extends Box[String] {
  def put(value: String): String = {
    Flaky.step("scala.bridge")
    value + value
  }
}

/** Nested classes: Outer$Inner (holds the outer instance) and the companion-nested Outer$Nested. */
class Outer(factor: Int) {
  class Inner {
    def times(x: Int): Int = {
      Flaky.step("scala.inner")
      x * factor
    }
  }
}

/** The companion of Outer: Outer.Nested is the class Outer$Nested. */
object Outer {
  class Nested {
    def tag(s: String): String = {
      Flaky.step("scala.nested")
      "<" + s + ">"
    }
  }
}
