package dev.chaosaction.activity;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import tools.jackson.core.JacksonException;

/**
 * Chaos Toolkit's {@code http} provider ({@code chaoslib/provider/http.py}) on OkHttp. One instance serves a
 * whole run (or a warm Lambda): its client keeps connections open between activities.
 *
 * <p>Where we differ from Chaos Toolkit, on purpose:
 * <ul>
 *   <li>without a {@code timeout}, connecting and reading each give up after
 *       {@link HttpClients#DEFAULT_TIMEOUT} (Chaos Toolkit waits for ever);</li>
 *   <li>a connect timeout is "activity took too long to complete" (requests calls it a connection error);</li>
 *   <li>a bad header, timeout or arguments value fails the activity instead of aborting the method (a URL that
 *       does not parse aborts the run, as in Chaos Toolkit: {@link FatalActivityError});</li>
 *   <li>a body announced as {@code application/json} that does not parse stays text instead of aborting;</li>
 *   <li>{@code arguments} must be a mapping for query strings and forms (requests also takes raw strings);</li>
 *   <li>a URL with {@code user:password@} is refused (requests sends them as basic auth; here they would only
 *       show in the journal): a header from a secret does the same without that;</li>
 *   <li>{@code verify_tls} is only true or false (requests also takes a CA bundle path: here it means true);</li>
 *   <li>proxies come from the JVM's settings, not from {@code HTTP_PROXY}/{@code NO_PROXY};</li>
 *   <li>a text body without a charset is read as UTF-8 (requests assumes ISO-8859-1 for {@code text/*});</li>
 *   <li>a body keeps its first {@link OutputCapture#MAX_BYTES} bytes, as a process's output does, and ends
 *       with a note when it was cut (the rest is not read): a huge body cannot exhaust memory.</li>
 * </ul>
 */
public final class HttpProvider implements Provider {
    private static final String JSON = "application/json";

    private final HttpClients clients;
    private final EgressPolicy egress;

    public HttpProvider() {
        this(EgressPolicy.OPEN);
    }

    /** Reaches only what {@code egress} allows, every redirect hop included. */
    public HttpProvider(EgressPolicy egress) {
        this.clients = new HttpClients(egress);
        this.egress = egress;
    }

    /** Uses {@code client} (and its connection pool) for every call; a provider's timeout derives from it. */
    public HttpProvider(OkHttpClient client) {
        this.clients = new HttpClients(client);
        this.egress = EgressPolicy.OPEN;
    }

    /**
     * Chaos Toolkit's {@code validate_http_activity}, and a URL with credentials refused
     * ({@link HttpRequests#hasCredentials}).
     *
     * @param provider     the provider block, unsubstituted
     * @param path         the block's JSON Pointer, such as {@code /method/0/provider}
     * @param activityName the activity's name (unused: Chaos Toolkit's http messages don't name it)
     */
    public static List<Problem> validate(Map<String, Object> provider, String path, String activityName) {
        List<Problem> problems = new ArrayList<>();
        if (!Py.truthy(provider.get("url"))) {
            problems.add(new Problem(Problem.child(path, "url"), "a HTTP activity must have a URL"));
        } else if (HttpRequests.hasCredentials(Py.str(provider.get("url")))) {
            problems.add(new Problem(Problem.child(path, "url"), HttpRequests.CREDENTIALS));
        }
        Object headers = provider.get("headers");
        if (Py.truthy(headers) && !(headers instanceof Map<?, ?>)) {
            problems.add(new Problem(Problem.child(path, "headers"), "a HTTP activities expect headers as a mapping"));
        }
        return problems;
    }

    /**
     * Sends the request and returns {@code {"status", "headers", "body"}}. Any status code is an output, not a
     * failure.
     */
    @Override
    public Map<String, Object> call(Map<String, Object> provider, CancelToken cancel) throws ActivityFailed {
        cancel.throwIfCancelled();
        Request request = HttpRequests.build(provider);
        Object verifyTls = provider.get("verify_tls");
        boolean verify = verifyTls == null || Py.truthy(verifyTls);
        Object timeout = provider.get("timeout");
        int retries = retries(provider.get("max_retries"));
        try {
            if (clients.guarded()) return followGuarded(request, verify, timeout, retries, cancel);
            Map<String, Object> output = execute(
                    HttpClients.withTimeout(clients.forUrl(request.url(), verify), timeout).newCall(request),
                    retries, cancel, r -> HttpClients.redirectsToTls(r) ? null : output(r));
            // null: a plain-HTTP server redirected to https, which only the TLS client follows.
            return output != null ? output : execute(HttpClients.withTimeout(clients.tls(verify), timeout)
                    .newCall(request), retries, cancel, HttpProvider::output);
        } catch (IOException e) {
            if (cancel.isCancelled()) throw new RunInterrupted(cancel.reason());
            GuardedNetwork.EgressRefused refused = GuardedNetwork.find(e);
            if (refused != null) throw new ActivityFailed(refused.getMessage());
            // Python requests reports a connect timeout as a connection error; we call every timeout a timeout.
            if (e instanceof SocketTimeoutException) throw new ActivityFailed("activity took too long to complete");
            throw new ActivityFailed("failed to connect to " + request.url() + ": " + describe(e), e);
        }
    }

    /** requests' {@code max_retries}: how many times a connection that could not be opened is tried again. */
    private static int retries(Object maxRetries) throws ActivityFailed {
        if (maxRetries == null) return 0;
        if (!Py.isNumeric(maxRetries)) {
            throw new ActivityFailed("max_retries must be a number, not " + Py.typeName(maxRetries));
        }
        return Math.max(0, Py.decimal(maxRetries).intValue());
    }

    /** Follows redirects hop by hop under the egress policy ({@link Redirects}); each hop is checked anew. */
    private Map<String, Object> followGuarded(Request request, boolean verify, Object timeout, int retries,
                                              CancelToken cancel) throws IOException, ActivityFailed {
        Request hop = request;
        for (int hops = 0; ; hops++) {
            Request current = hop;
            Object result = execute(HttpClients.withTimeout(clients.forUrl(hop.url(), verify), timeout).newCall(hop),
                    retries, cancel, r -> r.isRedirect() && r.header("Location") != null
                            ? Redirects.next(current, r, egress.crossOriginRedirects()) : output(r));
            if (!(result instanceof Request next)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> output = (Map<String, Object>) result;
                return output;
            }
            if (hops >= Redirects.MAX_HOPS) throw new ActivityFailed("too many redirects (more than "
                    + Redirects.MAX_HOPS + ") from " + request.url());
            hop = next;
        }
    }

    /** What is read from a response while it is open. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Response response) throws IOException, ActivityFailed;
    }

    /** {@code reader}'s result for the call's response, opening the connection again up to {@code retries} times. */
    private static <T> T execute(Call call, int retries, CancelToken cancel, Reader<T> reader)
            throws IOException, ActivityFailed {
        for (int attempt = 0; ; attempt++) {
            NoContentHeaders noContent = new NoContentHeaders();
            call.addEventListener(noContent);
            try (CancelToken.Registration ignored = cancel.onCancel(call::cancel);
                 Response response = call.execute()) {
                return reader.read(response);
            } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
                if (attempt >= retries || cancel.isCancelled() || GuardedNetwork.find(e) != null) throw e;
                call = call.clone();
            } catch (ProtocolException e) {
                // A 204/205 announcing a body: requests reads it as empty, and so do we.
                if (noContent.head() == null) throw e;
                @SuppressWarnings("unchecked") // every reader answers a final response with its output
                T empty = (T) output(noContent.head(), "");
                return empty;
            }
        }
    }

    private static Map<String, Object> output(Response response) throws IOException {
        return output(response, body(response.header("Content-Type"), response.body(), OutputCapture.MAX_BYTES));
    }

    private static Map<String, Object> output(Response response, Object body) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", (long) response.code());
        output.put("headers", headers(response.headers()));
        output.put("body", body);
        return output;
    }

    /** Header names as the server sent them; repeated headers joined with ", ", as requests does. */
    private static Map<String, Object> headers(Headers headers) {
        Map<String, Object> byName = new LinkedHashMap<>();
        Map<String, String> firstSpelling = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String key = firstSpelling.computeIfAbsent(name.toLowerCase(Locale.ROOT), lower -> name);
            byName.merge(key, headers.value(i), (a, b) -> a + ", " + b);
        }
        return byName;
    }

    /**
     * Chaos Toolkit parses the body only when Content-Type is exactly {@code application/json}: with a
     * {@code ; charset=} suffix it stays text. Where requests would raise on bad JSON, we keep the text.
     */
    private static Object body(String contentType, ResponseBody body, int limit) throws IOException {
        BufferedSource source = body.source();
        boolean truncated = source.request(limit + 1L);
        Charset charset = body.contentType() == null ? StandardCharsets.UTF_8
                : body.contentType().charset(StandardCharsets.UTF_8);
        String text = source.getBuffer().readString(Math.min(source.getBuffer().size(), limit), charset);
        // A body cut short is no JSON document any more: it stays text, with the note.
        if (truncated) return OutputCapture.truncatedBody(text, limit);
        // An empty body stays empty text even when announced as JSON (a 204): Chaos Toolkit crashes there.
        if (!JSON.equals(contentType) || text.isEmpty()) return text;
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            return text;
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
