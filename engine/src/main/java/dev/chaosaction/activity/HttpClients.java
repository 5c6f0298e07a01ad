package dev.chaosaction.activity;

import dev.chaosaction.value.Py;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients the http provider uses. Every variant is derived from one base client with
 * {@link OkHttpClient#newBuilder()}, so they all share its connection pool and threads.
 */
final class HttpClients {
    /**
     * Connect and read timeout when the provider sets none. Chaos Toolkit waits for ever; a probe that hangs
     * for ever would hold a scheduled run (and a Lambda) until its deadline, so we stop after this.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private HttpClients() {}

    static OkHttpClient standard() {
        return new OkHttpClient.Builder()
                .connectTimeout(DEFAULT_TIMEOUT)
                .readTimeout(DEFAULT_TIMEOUT)
                .writeTimeout(DEFAULT_TIMEOUT)
                .build();
    }

    /** {@code verify_tls: false}: any certificate, any host name, as requests' {@code verify=False}. */
    static OkHttpClient trustingAll(OkHttpClient base) {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return base.newBuilder()
                    .sslSocketFactory(context.getSocketFactory(), trustAll)
                    .hostnameVerifier((host, session) -> true)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS context", e);
        }
    }

    /**
     * The client honouring the provider's {@code timeout}: a number of seconds for both connecting and
     * reading, or a {@code [connect, read]} pair where null means no limit (requests' semantics).
     */
    static OkHttpClient withTimeout(OkHttpClient base, Object timeout) throws ActivityFailed {
        if (timeout == null) return base;
        Duration connect;
        Duration read;
        if (timeout instanceof List<?> pair) {
            if (pair.size() != 2) throw badTimeout(timeout);
            connect = seconds(pair.get(0), timeout);
            read = seconds(pair.get(1), timeout);
        } else {
            connect = read = seconds(timeout, timeout);
        }
        // Once connected, requests' read timeout also bounds every socket write.
        return base.newBuilder().connectTimeout(connect).readTimeout(read).writeTimeout(read).build();
    }

    private static Duration seconds(Object value, Object timeout) throws ActivityFailed {
        if (value == null) return Duration.ZERO; // OkHttp's "no timeout"
        if (value instanceof Boolean || !Py.isNumeric(value) || Py.decimal(value).signum() <= 0) {
            throw badTimeout(timeout);
        }
        // OkHttp counts whole milliseconds, at least 1 and at most Integer.MAX_VALUE.
        BigDecimal millis = Py.decimal(value).movePointRight(3).setScale(0, RoundingMode.CEILING);
        return Duration.ofMillis(millis.min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue());
    }

    private static ActivityFailed badTimeout(Object timeout) {
        return new ActivityFailed("the HTTP timeout must be a positive number of seconds or a [connect, read]"
                + " pair of them, not " + Py.repr(timeout));
    }
}
