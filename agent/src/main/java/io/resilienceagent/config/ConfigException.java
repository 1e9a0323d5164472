package io.resilienceagent.config;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A config file that cannot be used, with every problem found in it. {@link #getMessage()} is one
 * screen: a header naming the file and the problems sorted by position, at most
 * {@value #MAX_LISTED} of them.
 */
public final class ConfigException extends Exception {
    /** How many problems {@link #getMessage()} lists before it summarises the rest. */
    public static final int MAX_LISTED = 20;

    private static final long serialVersionUID = 1L;
    private static final Comparator<ConfigProblem> BY_POSITION =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final String source;
    private final List<ConfigProblem> problems;
    private final int problemCount;

    /**
     * @param source the file or source name the problems are in
     * @param problems at least one problem; sorted by line and column here
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        this(source, problems, problems.size());
    }

    ConfigException(String source, List<ConfigProblem> problems, int problemCount) {
        super(render(source, sorted(problems), Math.max(problemCount, problems.size())));
        this.source = source;
        this.problems = sorted(problems);
        this.problemCount = Math.max(problemCount, problems.size());
    }

    /** A single problem about the source as a whole, such as "file not found". */
    public static ConfigException of(String source, String message) {
        return new ConfigException(source, List.of(ConfigProblem.ofSource(source, message)));
    }

    /** The file or source name. */
    public String source() {
        return source;
    }

    /** The problems, sorted by line and column; problems without a position come first. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** How many problems were found; larger than {@code problems().size()} only for huge files. */
    public int problemCount() {
        return problemCount;
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().sorted(BY_POSITION).toList();
    }

    private static String render(String source, List<ConfigProblem> problems, int count) {
        StringBuilder text = new StringBuilder("Invalid resilience-agent config ")
                .append(source)
                .append(" (").append(count).append(count == 1 ? " problem" : " problems").append("):");
        problems.stream().limit(MAX_LISTED).forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
        int rest = count - Math.min(MAX_LISTED, problems.size());
        if (rest > 0) {
            text.append(System.lineSeparator()).append("  ... and ").append(rest).append(rest == 1 ? " more problem" : " more problems");
        }
        return text.toString();
    }
}
