package com.example.springapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small but real Spring Boot web application with no resilience code of its own: a REST endpoint
 * ({@link SummaryController}) backed by two services that call an upstream HTTP server
 * ({@link GreetingService}, and {@link QuoteService} behind a CGLIB proxy). It exists so that the
 * agent's start-up cost and behaviour can be measured on a framework-sized application (about 5,000
 * classes, nested jars) rather than on a hello-world.
 *
 * <p>Options (Spring properties, so {@code --name} or {@code --name=value} on the command line):
 * {@code upstream.url}, {@code server.port} (default 0: a free port), {@code exit-after-start}
 * (print start-up figures and exit; see {@link StartupReporter}) and {@code self-call} (with
 * {@code exit-after-start}: call both services once before exiting).
 */
@SpringBootApplication
public class SpringApp {
    public static void main(String[] args) {
        SpringApplication.run(SpringApp.class, args);
    }
}
