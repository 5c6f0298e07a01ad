package dev.chaosaction.prometheus;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FatalActivityError;
import dev.chaosaction.activity.HttpProvider;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Prometheus's HTTP API ({@code /api/v1/...}) at the configuration's {@code prometheus_base_url}, as
 * chaosprometheus calls it with requests: a GET with the parameters in the query string and
 * {@code Accept: application/json}. It goes through the engine's {@link HttpProvider}, so the deployment's
 * egress policy decides where it may connect (every redirect hop included), and a call gets the provider's
 * default timeouts (requests waits for ever).
 */
final class PrometheusApi {
    /** The configuration key chaosprometheus reads the server from. */
    static final String BASE_URL = "prometheus_base_url";
    static final String DEFAULT_BASE_URL = "http://localhost:9090";

    /** One answer: its status and its body, parsed when it is JSON, else the text. */
    record Answer(long status, Object body) {
        /** The body as requests' {@code r.text} shows it in messages. */
        String text() {
            return body instanceof String s ? s : Json.write(body);
        }

        /** requests' {@code r.json()}: the document, or a failure when the body is none. */
        Object json() throws ActivityFailed {
            if (!(body instanceof String text)) return body;
            try {
                return Json.parse(text);
            } catch (JacksonException e) {
                throw new ActivityFailed("Prometheus answered with a body that is not JSON: "
                        + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
            }
        }
    }

    private final EgressPolicy egress;
    private HttpProvider http;

    /** Reaches only what {@code egress} allows; the client is built at the first query. */
    PrometheusApi(EgressPolicy egress) {
        this.egress = egress;
    }

    /** The server's base URL as the configuration gives it (chaosprometheus's default otherwise). */
    static String baseUrl(Map<String, Object> configuration) {
        Object base = configuration == null ? null : configuration.get(BASE_URL);
        return base == null ? DEFAULT_BASE_URL : Py.str(base);
    }

    /** GET {@code base + path} with {@code params}; any status is an answer, a network failure fails the call. */
    Answer get(Map<String, Object> configuration, String path, Map<String, Object> params, boolean verifyTls,
               CancelToken cancel) throws ActivityFailed {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("url", baseUrl(configuration) + path);
        provider.put("method", "GET");
        provider.put("headers", Map.of("Accept", "application/json"));
        provider.put("arguments", params);
        provider.put("verify_tls", verifyTls);
        try {
            Map<String, Object> output = http().call(provider, cancel);
            return new Answer(((Number) output.get("status")).longValue(), output.get("body"));
        } catch (FatalActivityError e) {
            // requests' InvalidURL inside a Python function fails only that activity, as chaoslib wraps it.
            throw new ActivityFailed(e.getMessage());
        }
    }

    private synchronized HttpProvider http() {
        if (http == null) http = new HttpProvider(egress);
        return http;
    }
}
