package dev.chaosaction.action;

import dev.chaosaction.config.Redactor;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub's workflow commands ({@code ::name key=value::message}) on the step's standard output, escaped as
 * the runner unescapes them. Messages pass through the run's redactor: a secret never reaches the log, even
 * where GitHub's own masking does not apply (say, a secret shorter than a line that changed shape).
 */
public final class WorkflowCommands {
    private final PrintStream out;
    private final Set<String> masked = new HashSet<>();
    private volatile Redactor redactor = Redactor.of(Map.of(), List.of());
    private boolean groupOpen;

    public WorkflowCommands(PrintStream out) {
        this.out = out;
    }

    /**
     * Masks every secret for the rest of the job. A multi-line value is masked line by line: the runner masks
     * what one command registers, and a command is one line.
     */
    public synchronized void mask(Redactor secrets) {
        this.redactor = secrets;
        for (String value : secrets.values()) {
            value.lines().filter(line -> !line.isBlank()).filter(masked::add)
                    .forEach(line -> out.println("::add-mask::" + escapeData(line)));
        }
    }

    /** Opens a collapsible group, closing the one open: GitHub does not nest them. */
    public synchronized void group(String title) {
        endGroup();
        out.println("::group::" + escapeData(redactor.redact(title)));
        groupOpen = true;
    }

    public synchronized void endGroup() {
        if (!groupOpen) return;
        out.println("::endgroup::");
        groupOpen = false;
    }

    public void error(String title, String message) {
        annotate("error", title, null, message);
    }

    /** An error pointing at a file of the repository (shown on the file in pull requests). */
    public void error(String title, String file, String message) {
        annotate("error", title, file, message);
    }

    public void warning(String title, String message) {
        annotate("warning", title, null, message);
    }

    public void notice(String title, String message) {
        annotate("notice", title, null, message);
    }

    /**
     * A plain log line, escaped like a command's data: the runner reads every line of the step's output for
     * commands, so text from the experiment (a title, a failure, a probe's output) must never start one. A new
     * line is {@code %0A}, a leading {@code ::} becomes {@code %3A:}, and the legacy {@code ##[} prefix, which
     * the runner finds anywhere in a line, becomes {@code #%23[}.
     */
    public synchronized void line(String text) {
        out.println(inert(redactor.redact(text)));
    }

    static String inert(String text) {
        String escaped = escapeData(text);
        int start = escaped.length() - escaped.stripLeading().length();
        return escaped.startsWith("::", start)
                ? escaped.substring(0, start) + "%3A" + escaped.substring(start + 1) : escaped;
    }

    private synchronized void annotate(String command, String title, String file, String message) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (file != null) properties.put("file", file);
        if (title != null) properties.put("title", redactor.redact(title));
        String props = properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + escapeProperty(e.getValue()))
                .collect(Collectors.joining(","));
        out.println("::" + command + (props.isEmpty() ? "" : " " + props) + "::" + escapeData(redactor.redact(message)));
    }

    /**
     * The runner's unescaping, reversed: {@code %}, CR and LF in a message; and the legacy {@code ##[} prefix,
     * which the runner finds anywhere in a line, an annotation's message included, becomes {@code #%23[}.
     */
    static String escapeData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "#%23[");
    }

    /** In a property, also {@code :} and {@code ,}, which end it. */
    static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }
}
