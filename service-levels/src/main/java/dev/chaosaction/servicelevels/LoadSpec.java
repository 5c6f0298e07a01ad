package dev.chaosaction.servicelevels;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The {@code measure} arguments, checked all at once: what to send, how many, how fast, for how long, and what
 * counts as success.
 *
 * @param bodies the request bodies, cycled through (one for {@code body}, none without a body)
 */
record LoadSpec(HttpUrl url, int requests, double rate, Duration maxDuration, Duration timeout, String method,
                Headers headers, List<RequestBody> bodies, StatusRanges ok, Objectives objectives) {
    /** More than this many requests is a load test, not a probe. */
    static final int MAX_REQUESTS = 100_000;
    static final double MAX_RATE = 10_000;
    /** A Lambda invocation's limit: no probe needs to outlast it. */
    static final Duration LONGEST = Duration.ofMinutes(15);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final MediaType JSON = MediaType.get("application/json");

    /**
     * @param a every parameter of the signature, defaults filled in
     * @throws ActivityFailed listing every problem
     */
    static LoadSpec of(Map<String, Object> a) throws ActivityFailed {
        List<String> problems = new ArrayList<>();
        HttpUrl url = url(a.get("url"), problems);
        int requests = (int) bounded(a.get("requests"), "requests", 1, MAX_REQUESTS, problems);
        double rate = bounded(a.get("rate"), "rate", Double.MIN_NORMAL, MAX_RATE, problems);
        Duration maxDuration = seconds(a.get("max_duration"), "max_duration", problems);
        Duration timeout = seconds(a.get("timeout"), "timeout", problems);
        String method = Py.str(a.get("method")).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) problems.add("method: '" + a.get("method") + "' is not one of " + METHODS);
        Headers headers = headers(a.get("headers"), problems);
        List<RequestBody> bodies = bodies(a.get("body"), a.get("bodies"), method, headers, problems);
        StatusRanges ok = null;
        try {
            ok = StatusRanges.parse(a.get("ok_statuses"));
        } catch (IllegalArgumentException e) {
            problems.add("ok_statuses: " + e.getMessage());
        }
        Objectives objectives = Objectives.parse((Map<?, ?>) a.get("objectives"), problems);
        if (!problems.isEmpty()) {
            throw new ActivityFailed("measure: " + String.join("; ", problems));
        }
        return new LoadSpec(url, requests, rate, maxDuration, timeout, method, headers, bodies, ok, objectives);
    }

    /** The i-th request: the bodies are cycled through. */
    Request request(int i) {
        RequestBody body = bodies.isEmpty() ? null : bodies.get(i % bodies.size());
        return new Request.Builder().url(url).headers(headers).method(method, body).build();
    }

    /** The time between two requests' due times. */
    long intervalNanos() {
        return (long) (1_000_000_000L / rate);
    }

    private static HttpUrl url(Object value, List<String> problems) {
        HttpUrl url = value instanceof String s ? HttpUrl.parse(s.strip()) : null;
        if (url == null) {
            problems.add("url: " + Py.repr(value) + " is not an http:// or https:// URL");
        } else if (!url.username().isEmpty() || !url.password().isEmpty()) {
            problems.add("url: must not carry credentials (user:password@host); send a header from a secret");
            return null;
        }
        return url;
    }

    private static double bounded(Object value, String name, double min, double max, List<String> problems) {
        if (value instanceof Boolean || !Py.isNumeric(value)) {
            problems.add(name + ": must be a number, not " + Py.repr(value));
            return min;
        }
        double d = Py.decimal(value).doubleValue();
        if (d < min || d > max) {
            problems.add(name + ": " + Py.repr(value) + " is out of range (" + (min < 1 ? "more than 0" : "at least "
                    + (long) min) + ", at most " + BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + ")");
        }
        return d;
    }

    private static Duration seconds(Object value, String name, List<String> problems) {
        double s = bounded(value, name, Double.MIN_NORMAL, LONGEST.toSeconds(), problems);
        return Duration.ofNanos(Math.max(1_000_000L, (long) (s * 1e9)));
    }

    private static Headers headers(Object value, List<String> problems) {
        Headers.Builder headers = new Headers.Builder();
        if (!(value instanceof Map<?, ?> map)) {
            if (value != null) problems.add("headers: must be a mapping, not " + Py.typeName(value));
            return headers.build();
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            try {
                headers.add(Py.str(e.getKey()), Py.str(e.getValue()));
            } catch (IllegalArgumentException bad) {
                problems.add("headers: " + bad.getMessage());
            }
        }
        return headers.build();
    }

    private static List<RequestBody> bodies(Object body, Object bodies, String method, Headers headers,
                                            List<String> problems) {
        if (body != null && bodies != null) {
            problems.add("body, bodies: give one of them, not both");
            return List.of();
        }
        List<?> given = bodies instanceof List<?> list ? list : body == null ? List.of() : List.of(body);
        if (bodies != null && given.isEmpty()) problems.add("bodies: must list at least one body");
        if (!given.isEmpty() && (method.equals("GET") || method.equals("HEAD"))) {
            problems.add("body: a " + method + " request has no body; use POST, PUT or PATCH");
            return List.of();
        }
        String contentType = headers.get("Content-Type");
        List<RequestBody> out = new ArrayList<>();
        for (Object b : given) {
            // A string is sent as it is; anything else (a mapping, a list, a number) as JSON.
            MediaType type = contentType != null ? MediaType.parse(contentType) : b instanceof String ? null : JSON;
            out.add(RequestBody.create(b instanceof String s ? s : Json.write(b), type));
        }
        return List.copyOf(out);
    }
}
