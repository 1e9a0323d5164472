package com.example.corpus.javac;

import com.example.corpus.javac.help.Sink;
import com.example.corpus.support.Flaky;

/** Instance methods: the receiver is slot 0 and must be the same object on every attempt. */
public class Account {
    private final String owner;
    private long balance;

    public Account(String owner, long balance) {
        this.owner = owner;
        this.balance = balance;
    }

    public long deposit(long amount) {
        Flaky.step("javac.account.deposit");
        balance += amount;
        return balance;
    }

    public String describe(int digits) {
        Flaky.step("javac.account.describe");
        return owner + ":" + String.format("%0" + digits + "d", balance);
    }

    public void close(String reason) {
        Flaky.step("javac.account.close");
        Sink.last = owner + " closed: " + reason;
    }
}
