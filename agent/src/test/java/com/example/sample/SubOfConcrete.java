package com.example.sample;

public class SubOfConcrete extends ConcreteBase {
    @Override
    public String call() {
        return "sub";
    }
}
