package com.example.tomcat.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** {@code GET ?slow=true} starts a protected async call and answers at once; otherwise it answers with the call's outcome (10 s at most). */
public class QuoteServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var future = new AsyncQuotes().quote(Boolean.parseBoolean(request.getParameter("slow")));
        String body;
        if (Boolean.parseBoolean(request.getParameter("slow"))) {
            body = "started";
        } else {
            try {
                body = future.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                body = "FAILED " + e;
            }
        }
        response.getWriter().write(body);
    }
}
