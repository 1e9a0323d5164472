package io.resilienceagent.instrument.sample;

public class SubOfConcrete extends ConcreteBase {
    @Override
    public String call() {
        return "sub";
    }
}
