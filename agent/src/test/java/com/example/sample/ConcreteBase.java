package com.example.sample;

/** A concrete class: a pattern naming it covers it alone, not its subclasses. */
public class ConcreteBase {
    public String call() {
        return "base";
    }
}
