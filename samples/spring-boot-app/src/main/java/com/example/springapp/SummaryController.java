package com.example.springapp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/summary?name=...&id=...}: a greeting and a quote from the upstream, as JSON. */
@RestController
public class SummaryController {
    private final GreetingService greetings;
    private final QuoteService quotes;

    public SummaryController(GreetingService greetings, QuoteService quotes) {
        this.greetings = greetings;
        this.quotes = quotes;
    }

    @GetMapping("/api/summary")
    public Map<String, String> summary(@RequestParam(defaultValue = "world") String name,
            @RequestParam(defaultValue = "1") int id) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("greeting", greetings.greeting(name));
        body.put("quote", quotes.quote(id));
        return body;
    }
}
