package dev.chaosaction.activity;

import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Turns an http provider block into the request Chaos Toolkit (through Python requests) would send. */
final class HttpRequests {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** Text between {@code ://} and an {@code @} before the path: userinfo, even in a URL that does not parse. */
    private static final Pattern USERINFO = Pattern.compile("://[^/?#]*@");
    static final String CREDENTIALS = "a HTTP activity URL must not carry credentials (user:password@host): the"
            + " journal and the logs would show them, and they would not be sent; put them in a header whose value"
            + " comes from a secret, e.g. \"headers\": {\"Authorization\": \"Basic ${basic_auth}\"}";

    /**
     * URLs parsed before: parsing one costs more than the rest of building its request, and experiments call the
     * same few URLs again and again. Bounded by clearing it whole, should substitutions make many.
     */
    private static final Map<String, HttpUrl> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 256;

    private HttpRequests() {}

    /**
     * Whether {@code url} names a user or a password. Python requests would send them as basic auth; OkHttp does
     * not, and the activity is journaled as declared, so they are refused instead (at validation when written in
     * the experiment, at call time when they come from a substitution).
     */
    static boolean hasCredentials(String url) {
        return hasCredentials(url, HttpUrl.parse(url));
    }

    private static boolean hasCredentials(String url, HttpUrl parsed) {
        return parsed != null ? !parsed.username().isEmpty() || !parsed.password().isEmpty()
                : USERINFO.matcher(url).find();
    }

    /**
     * The request for a provider block.
     *
     * @throws FatalActivityError when the URL cannot be parsed, which aborts the run as in Chaos Toolkit
     */
    static Request build(Map<String, Object> provider) throws ActivityFailed {
        HttpUrl url = url(provider.get("url"));
        String method = Py.str(Objects.requireNonNullElse(provider.get("method"), "GET")).toUpperCase(Locale.ROOT);
        Map<?, ?> headers = headers(provider.get("headers"));
        Object arguments = provider.get("arguments");
        Request.Builder request = new Request.Builder();
        addHeaders(request, headers);
        if (method.equals("GET")) return request.url(withQuery(url, arguments)).get().build();
        request.url(url);
        // OkHttp forbids a body on HEAD; requests would send the arguments there, servers ignore them.
        return request.method(method, method.equals("HEAD") ? null : body(request, headers, arguments)).build();
    }

    private static HttpUrl url(Object value) throws ActivityFailed {
        if (!Py.truthy(value)) throw new ActivityFailed("a HTTP activity must have a URL");
        String text = Py.str(value);
        HttpUrl known = PARSED.get(text);
        if (known != null) return known;
        HttpUrl parsed = HttpUrl.parse(text);
        // Refused before an unparsable URL is reported, so that the message below never repeats them either.
        if (hasCredentials(text, parsed)) throw new ActivityFailed(CREDENTIALS);
        if (parsed != null) {
            if (PARSED.size() >= PARSED_MAX) PARSED.clear();
            PARSED.put(text, parsed);
            return parsed;
        }
        // Chaos Toolkit lets requests' MissingSchema/InvalidSchema/InvalidURL abort the run; so do we.
        if (!text.contains("://")) {
            throw new FatalActivityError("Invalid URL " + Py.repr(text) + ": No scheme supplied. Perhaps you meant"
                    + " https://" + text + "?");
        }
        try {
            return HttpUrl.get(text); // parsed again only to say what is wrong with it
        } catch (IllegalArgumentException e) {
            throw new FatalActivityError("Invalid URL " + Py.repr(text) + ": " + e.getMessage());
        }
    }

    private static Map<?, ?> headers(Object value) throws ActivityFailed {
        if (value instanceof Map<?, ?> map) return map;
        if (Py.truthy(value)) throw new ActivityFailed("a HTTP activities expect headers as a mapping");
        return Map.of();
    }

    private static void addHeaders(Request.Builder request, Map<?, ?> headers) throws ActivityFailed {
        for (Map.Entry<?, ?> header : headers.entrySet()) {
            if (header.getValue() == null) continue; // requests drops headers set to None
            String name = Py.str(header.getKey());
            try {
                request.addHeader(name, Py.str(header.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ActivityFailed("invalid HTTP header " + Py.repr(name) + ": " + e.getMessage());
            }
        }
    }

    private static HttpUrl withQuery(HttpUrl url, Object arguments) throws ActivityFailed {
        List<String[]> pairs = pairs(arguments);
        if (pairs.isEmpty()) return url; // rebuilding it would only cost time
        HttpUrl.Builder builder = url.newBuilder();
        for (String[] pair : pairs) builder.addQueryParameter(pair[0], pair[1]);
        return builder.build();
    }

    /**
     * requests sends {@code json=arguments} only when the Content-Type header is exactly
     * {@code application/json} under the exact key {@code Content-Type}; anything else is form data.
     */
    private static RequestBody body(Request.Builder request, Map<?, ?> headers, Object arguments)
            throws ActivityFailed {
        if (JSON.equals(headers.get("Content-Type"))) {
            return arguments == null ? RequestBody.EMPTY : RequestBody.create(Json.write(arguments), null);
        }
        List<String[]> pairs = pairs(arguments);
        if (pairs.isEmpty()) return RequestBody.EMPTY;
        // The body carries no media type so that OkHttp keeps the caller's Content-Type header, as requests does.
        if (headers.keySet().stream().noneMatch(k -> "content-type".equalsIgnoreCase(Py.str(k)))) {
            request.header("Content-Type", FORM);
        }
        String form = pairs.stream().map(p -> formEncode(p[0]) + "=" + formEncode(p[1]))
                .collect(Collectors.joining("&"));
        return RequestBody.create(form, null);
    }

    /** requests' parameter rule: a list repeats its key, None is left out, anything else is {@code str()}-ed. */
    private static List<String[]> pairs(Object arguments) throws ActivityFailed {
        if (arguments == null) return List.of();
        if (!(arguments instanceof Map<?, ?> map)) {
            throw new ActivityFailed("HTTP arguments must be a mapping, not " + Py.typeName(arguments));
        }
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<?, ?> argument : map.entrySet()) {
            Object value = argument.getValue();
            List<?> values = value instanceof List<?> list ? list : Collections.singletonList(value);
            for (Object v : values) {
                if (v != null) pairs.add(new String[] {Py.str(argument.getKey()), Py.str(v)});
            }
        }
        return pairs;
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
