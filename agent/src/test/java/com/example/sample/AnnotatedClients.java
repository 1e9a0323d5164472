package com.example.sample;

import org.springframework.retry.annotation.Retryable;
import org.springframework.transaction.annotation.Transactional;

/** Client methods carrying another framework's retry or transaction, and one carrying neither. */
public class AnnotatedClients {
    @Retryable
    public String springRetry() {
        return "x";
    }

    @io.github.resilience4j.retry.annotation.Retry(name = "api")
    public String resilience4jRetry() {
        return "x";
    }

    @Transactional
    public String springTransaction() {
        return "x";
    }

    @jakarta.transaction.Transactional
    public String jakartaTransaction() {
        return "x";
    }

    public String plain() {
        return "x";
    }

    /** A class all of whose methods run in a transaction. */
    @Transactional(readOnly = true)
    public static class TransactionalService {
        public String call() {
            return "x";
        }

        public static String staticCall() {
            return "x";
        }

        private String privateCall() {
            return "x";
        }
    }
}
