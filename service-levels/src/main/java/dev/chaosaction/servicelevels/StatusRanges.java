package dev.chaosaction.servicelevels;

import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;

/**
 * Which HTTP statuses count as success: {@code "200-399"}, {@code "200,204,404"}, {@code "200-299,404"}, or a list
 * of such entries and numbers ({@code [200, "300-308"]}).
 */
record StatusRanges(List<int[]> ranges, String text) {
    static final String DEFAULT = "200-399";

    /** @throws IllegalArgumentException naming what does not parse */
    static StatusRanges parse(Object value) {
        List<Object> entries = new ArrayList<>();
        if (value instanceof List<?> list) entries.addAll(list);
        else if (value instanceof String s) entries.addAll(List.of(s.split(",")));
        else if (value instanceof Number n && !(n instanceof Double)) entries.add(n);
        else throw new IllegalArgumentException("must be a string such as \"200-399,404\" or a list, not "
                    + Py.typeName(value));
        List<int[]> ranges = new ArrayList<>();
        for (Object entry : entries) ranges.add(range(entry));
        if (ranges.isEmpty()) throw new IllegalArgumentException("names no status");
        return new StatusRanges(List.copyOf(ranges), Py.str(value));
    }

    boolean contains(int status) {
        for (int[] r : ranges) if (status >= r[0] && status <= r[1]) return true;
        return false;
    }

    private static int[] range(Object entry) {
        String text = Py.str(entry).strip();
        String[] bounds = text.split("-", -1);
        if (bounds.length > 2) throw bad(text);
        int low = status(bounds[0], text);
        int high = bounds.length == 2 ? status(bounds[1], text) : low;
        if (low > high) throw bad(text);
        return new int[] {low, high};
    }

    private static int status(String digits, String entry) {
        String d = digits.strip();
        if (!d.matches("[1-5][0-9][0-9]")) throw bad(entry);
        return Integer.parseInt(d);
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("'" + entry + "' is not a status (100-599) or a range such as 200-399");
    }
}
