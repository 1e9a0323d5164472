package com.example.springproxy;

import com.example.support.StepRunner;
import java.net.ConnectException;

/** The application's client bean, behind a CGLIB proxy; fails with a transient failure while {@link #failuresLeft} lasts. */
public class ApiService {
    public static volatile int failuresLeft;

    public String fetch(String what) throws ConnectException {
        StepRunner.BODY.incrementAndGet();
        if (failuresLeft-- > 0) {
            throw new ConnectException("down");
        }
        return "fetched-" + what;
    }
}
