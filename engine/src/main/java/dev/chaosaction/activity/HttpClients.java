package dev.chaosaction.activity;

import dev.chaosaction.policy.EgressPolicy;
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
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The OkHttp clients the http provider uses. Every variant is derived from one base client with
 * {@link OkHttpClient#newBuilder()}, so they all share its connection pool and threads.
 *
 * <p>OkHttp sets TLS up (it reads the JVM's trust store and builds an SSL context) when a client that may speak
 * it is built: about a third of a cold run that only probes {@code http://} URLs, which never needs it. So
 * plain-HTTP URLs go through a client without TLS, and the TLS clients are built on first use. That client does
 * not follow a redirect to {@code https}; such a response is recognised by {@link #redirectsToTls} and the
 * request is sent again through the TLS client (the plain-HTTP server sees it twice).
 */
final class HttpClients {
    /**
     * Connect and read timeout when the provider sets none. Chaos Toolkit waits for ever; a probe that hangs
     * for ever would hold a scheduled run (and a Lambda) until its deadline, so we stop after this.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** OkHttp's default. */
    private static final List<ConnectionSpec> TLS_AND_CLEARTEXT = List.of(ConnectionSpec.MODERN_TLS,
            ConnectionSpec.CLEARTEXT);

    private final OkHttpClient cleartext;
    /** Whether redirects are left to {@link Redirects} (OkHttp follows none). */
    private final boolean guarded;
    private volatile OkHttpClient tls;
    /** Built on the first {@code verify_tls: false}: most runs never need it. */
    private volatile OkHttpClient trustingAll;

    /** The standard clients, the TLS ones built on first use. */
    HttpClients() {
        this(EgressPolicy.OPEN);
    }

    /** The standard clients, reaching only what {@code egress} allows. */
    HttpClients(EgressPolicy egress) {
        this.cleartext = GuardedNetwork.apply(new OkHttpClient.Builder(), egress)
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .followSslRedirects(false)
                .connectTimeout(DEFAULT_TIMEOUT)
                .readTimeout(DEFAULT_TIMEOUT)
                .writeTimeout(DEFAULT_TIMEOUT)
                .build();
        this.guarded = !egress.isOpen();
    }

    /** {@code client} for every URL ({@code verify_tls: false} derives from it). */
    HttpClients(OkHttpClient client) {
        this.cleartext = client;
        this.tls = client;
        this.guarded = false;
    }

    /** The client for a request to {@code url}. */
    OkHttpClient forUrl(HttpUrl url, boolean verifyTls) {
        return url.isHttps() || !verifyTls ? tls(verifyTls) : cleartext;
    }

    /** A client that speaks TLS, verifying certificates or, as requests' {@code verify=False}, not. */
    OkHttpClient tls(boolean verifyTls) {
        if (!verifyTls) {
            if (trustingAll == null) {
                synchronized (this) {
                    if (trustingAll == null) trustingAll = trustingAll(cleartext);
                }
            }
            return trustingAll;
        }
        if (tls == null) {
            synchronized (this) {
                if (tls == null) tls = cleartext.newBuilder().connectionSpecs(TLS_AND_CLEARTEXT)
                        .followSslRedirects(!guarded).build();
            }
        }
        return tls;
    }

    /** Whether OkHttp follows no redirect and {@link Redirects} does, under the egress policy. */
    boolean guarded() {
        return guarded;
    }

    /** A redirect from a plain-HTTP URL to an {@code https} one, which only a TLS client follows. */
    static boolean redirectsToTls(Response response) {
        if (!response.isRedirect() || response.request().url().isHttps()) return false;
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        return target != null && target.isHttps();
    }

    /** {@code verify_tls: false}: any certificate, any host name, as requests' {@code verify=False}. */
    private OkHttpClient trustingAll(OkHttpClient base) {
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
                    .connectionSpecs(TLS_AND_CLEARTEXT)
                    .followSslRedirects(!guarded)
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
