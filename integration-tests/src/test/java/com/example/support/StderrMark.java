package com.example.support;

/**
 * The {@code mark-stderr TOKEN} command of the long-running test applications: it prints
 * {@code MARK TOKEN} on stderr. The agent logs on the same stream, so once the test has read that line it
 * has read every agent line printed before the command (stdout and stderr are separate pipes, read by
 * separate threads, so a stdout line is no such guarantee).
 */
public final class StderrMark {
    private static final String COMMAND = "mark-stderr ";

    private StderrMark() {
    }

    /** Prints the mark and returns true if {@code line} is a {@code mark-stderr} command. */
    public static boolean handled(String line) {
        if (!line.startsWith(COMMAND)) {
            return false;
        }
        System.err.println("MARK " + line.substring(COMMAND.length()).strip());
        System.err.flush();
        return true;
    }
}
