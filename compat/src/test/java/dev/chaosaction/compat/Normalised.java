package dev.chaosaction.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the two tools must agree on, taken from an outcome: the exit code and, from the journal, the status,
 * {@code deviated}, the steady states (met, and each probe's status, output and tolerance_met), each run
 * item's status and output, and the rollbacks. Times, ids, host and platform details are left out, and so
 * are keys only our journal has; an exception is reduced to its type.
 */
final class Normalised {
    private static final List<String> ITEM_KEYS = List.of("status", "output", "tolerance_met");

    private Normalised() {
    }

    static Map<String, Object> of(Tool.Outcome outcome, boolean withJournal) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("exit", outcome.exitCode());
        if (withJournal) n.put("journal", journal(outcome.journal()));
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Object journal(Object journal) {
        if (!(journal instanceof Map<?, ?> j)) return null;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("status", j.get("status"));
        n.put("deviated", j.get("deviated"));
        Map<String, Object> steady = new LinkedHashMap<>();
        if (j.get("steady_states") instanceof Map<?, ?> s) {
            steady.put("before", steadyState(s.get("before")));
            steady.put("after", steadyState(s.get("after")));
            // How often a continuous hypothesis ran depends on timing: what it found is compared, not how often.
            LinkedHashSet<Object> during = new LinkedHashSet<>();
            if (s.get("during") instanceof List<?> l) for (Object d : l) during.add(steadyState(d));
            steady.put("during", new ArrayList<>(during));
        }
        n.put("steady_states", steady);
        n.put("run", items(j.get("run")));
        n.put("rollbacks", items(j.get("rollbacks")));
        return n;
    }

    private static Object steadyState(Object state) {
        if (!(state instanceof Map<?, ?> s)) return state;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("steady_state_met", s.get("steady_state_met"));
        n.put("probes", items(s.get("probes")));
        return n;
    }

    private static List<Object> items(Object items) {
        List<Object> n = new ArrayList<>();
        if (items instanceof List<?> l) for (Object item : l) n.add(item(item));
        return n;
    }

    private static Object item(Object item) {
        if (!(item instanceof Map<?, ?> i)) return item;
        Map<String, Object> n = new LinkedHashMap<>();
        if (i.get("activity") instanceof Map<?, ?> a) n.put("name", a.get("name"));
        for (String key : ITEM_KEYS) if (i.containsKey(key)) n.put(key, output(i.get(key)));
        if (i.containsKey("exception")) n.put("exception", exceptionType(i.get("exception")));
        return n;
    }

    /** The sandbox names pods {@code <deployment>-<template hash>-<5 random characters>}, new in every sandbox. */
    private static final java.util.regex.Pattern POD = java.util.regex.Pattern.compile("\\b(web-[a-z0-9]{6,10})-[a-z0-9]{5}\\b");

    /**
     * HTTP outputs carry the server's Date header, which no two runs share; header names are case-blind. Pod
     * names lose their random part.
     */
    private static Object output(Object output) {
        if (output instanceof String s) return POD.matcher(s).replaceAll("$1-<pod>");
        if (output instanceof List<?> l) return l.stream().map(Normalised::output).toList();
        if (output instanceof Map<?, ?> o && o.get("headers") instanceof Map<?, ?> headers) {
            Map<String, Object> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
            h.remove("date");
            Map<String, Object> n = new LinkedHashMap<>();
            o.forEach((k, v) -> n.put(String.valueOf(k), v));
            n.put("headers", new java.util.TreeMap<>(h));
            return n;
        }
        if (output instanceof Map<?, ?> o) {
            Map<String, Object> n = new LinkedHashMap<>();
            o.forEach((k, v) -> n.put(String.valueOf(k), output(v)));
            return n;
        }
        return output;
    }

    /** Chaos Toolkit journals the whole traceback; its last line names the exception that ended the activity. */
    static String exceptionType(Object exception) {
        String text = exception instanceof List<?> l ? String.join("", l.stream().map(String::valueOf).toList())
                : String.valueOf(exception);
        String last = "";
        for (String line : text.split("\n")) if (!line.isBlank() && !line.startsWith(" ")) last = line.strip();
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    /** Every place where the two differ, as {@code path: ctk=... ours=...}. */
    static List<String> differences(Object ctk, Object ours) {
        List<String> out = new ArrayList<>();
        diff("", ctk, ours, out);
        return out;
    }

    private static void diff(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            LinkedHashSet<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                if (!ma.containsKey(k)) out.add(path + "/" + k + ": ctk=<absent> ours=" + brief(mb.get(k)));
                else if (!mb.containsKey(k)) out.add(path + "/" + k + ": ctk=" + brief(ma.get(k)) + " ours=<absent>");
                else diff(path + "/" + k, ma.get(k), mb.get(k), out);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) diff(path + "/" + i, la.get(i), lb.get(i), out);
        } else if (!sameValue(a, b)) {
            out.add(path + ": ctk=" + brief(a) + " ours=" + brief(b));
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0
                    && (isIntegral(x) == isIntegral(y));
        }
        return Objects.equals(a, b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger || n instanceof Short;
    }

    private static String brief(Object value) {
        String s = String.valueOf(value);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
