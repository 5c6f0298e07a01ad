package dev.chaosaction.experiment;

import dev.chaosaction.value.Py;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Experiments loaded from {@code http(s)://} URLs, as Chaos Toolkit's {@code load_experiment} loads them: a
 * GET with {@code Accept: application/json, application/x-yaml}, an {@code Authorization} header from the
 * settings' {@code auths} block for that host ({@code auths: {host[:port]: {type: bearer|basic, value: ...}}})
 * or from {@code CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN}, anything but 200 refused, the Content-Type choosing
 * the format ({@code application/json}; {@code application/x-yaml} or {@code text/yaml}; {@code text/plain}
 * read as JSON, else YAML).
 *
 * <p>Beyond Chaos Toolkit: the document may be at most {@link ExperimentLoader#MAX_BYTES}, connecting and
 * reading time out ({@link #CONNECT_TIMEOUT}, {@link #READ_TIMEOUT}, the whole fetch {@link #CALL_TIMEOUT}),
 * and a failure is one line naming the URL and the cause, never the server's body (it could be anything the
 * URL reaches). This class is the one place experiments are fetched: an adapter passes the client its policy
 * allows (the Lambda's refuses redirects and its own addresses).
 */
public final class ExperimentUrls {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Chaos Toolkit's variable: a bearer token for every experiment URL (the command line only). */
    public static final String BEARER_TOKEN_ENV = "CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN";

    private final OkHttpClient client;
    private final Map<String, String> authorizations;
    private final String everywhere;

    /**
     * @param client     the HTTP client (its timeouts are bounded by ours)
     * @param auths      Chaos Toolkit's {@code auths} settings block, keyed by {@code host[:port]}; may be empty
     * @param everywhere an {@code Authorization} value for every URL (Chaos Toolkit's bearer token), or null
     */
    public ExperimentUrls(OkHttpClient client, Map<String, Object> auths, String everywhere) {
        this.client = client.newBuilder().connectTimeout(CONNECT_TIMEOUT).readTimeout(READ_TIMEOUT)
                .callTimeout(CALL_TIMEOUT).build();
        this.authorizations = authorizations(auths);
        this.everywhere = everywhere;
    }

    /** The command line's: Chaos Toolkit's settings and environment, redirects followed as requests does. */
    public static ExperimentUrls of(Map<String, Object> settings, Map<String, String> env) {
        String token = env.get(BEARER_TOKEN_ENV);
        return new ExperimentUrls(new OkHttpClient(), Activities.map(settings.get("auths")),
                token == null || token.isBlank() ? null : "bearer " + token.strip());
    }

    /** Whether {@code source} names an experiment by URL rather than by file. */
    public static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Fetches and parses the experiment at {@code url}; every failure is an invalid experiment with one line. */
    public Map<String, Object> load(String url) throws InvalidExperimentException {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) throw failed(url, "not a valid http(s) URL");
        Request.Builder request = new Request.Builder().url(parsed).get()
                .header("Accept", "application/json, application/x-yaml");
        String authorization = everywhere != null ? everywhere : authorizations.get(netloc(url));
        if (authorization != null) request.header("Authorization", authorization);
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() != 200) throw failed(url, "the server answered HTTP " + response.code());
            String text = body(url, response);
            ExperimentLoader.Format format = format(url, response.header("Content-Type", ""));
            if (format != null) return ExperimentLoader.parse(text, format);
            try {
                return ExperimentLoader.parse(text, ExperimentLoader.Format.JSON);
            } catch (InvalidExperimentException notJson) {
                return ExperimentLoader.parse(text, ExperimentLoader.Format.YAML);
            }
        } catch (SocketTimeoutException e) {
            throw failed(url, "timed out");
        } catch (IOException e) {
            throw failed(url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String body(String url, Response response) throws IOException, InvalidExperimentException {
        long max = ExperimentLoader.MAX_BYTES;
        if (response.body().contentLength() > max) throw failed(url, "it is larger than " + max + " bytes");
        BufferedSource source = response.body().source();
        if (source.request(max + 1)) throw failed(url, "it is larger than " + max + " bytes");
        return source.readString(StandardCharsets.UTF_8);
    }

    /**
     * Chaos Toolkit's {@code parse_experiment_from_http}: the Content-Type decides; null for plain text, which is
     * JSON if it parses as JSON, else YAML.
     */
    private static ExperimentLoader.Format format(String url, String contentType) throws InvalidExperimentException {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("application/json")) return ExperimentLoader.Format.JSON;
        if (type.contains("application/x-yaml") || type.contains("text/yaml")) return ExperimentLoader.Format.YAML;
        if (type.contains("text/plain")) return null;
        throw failed(url, "its Content-Type " + Py.repr(contentType) + " is neither JSON nor YAML (application/json,"
                + " application/x-yaml, text/yaml or text/plain)");
    }

    private static Map<String, String> authorizations(Map<String, Object> auths) {
        Map<String, String> byHost = new LinkedHashMap<>();
        auths.forEach((host, auth) -> {
            Map<String, Object> entry = Activities.map(auth);
            if (entry.get("type") != null && entry.get("value") != null) {
                byHost.put(host, Py.str(entry.get("type")) + " " + Py.str(entry.get("value")));
            }
        });
        return byHost;
    }

    /** Python's {@code urlparse(url).netloc}, which Chaos Toolkit matches the {@code auths} keys against. */
    private static String netloc(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) end++;
        return rest.substring(0, end);
    }

    private static InvalidExperimentException failed(String url, String why) {
        return new InvalidExperimentException("", "cannot load the experiment from " + shown(url) + ": " + why);
    }

    /** The URL without credentials or query, which may hold tokens: messages reach logs and answers. */
    private static String shown(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed == null ? "that URL" : parsed.newBuilder().username("").password("").query(null).fragment(null)
                .build().toString();
    }
}
