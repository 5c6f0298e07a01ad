package dev.chaosaction.activity;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The next hop of a redirect where the egress policy applies (OkHttp follows none there): the request's origin
 * only, or http → https of the same host, unless the deployment allows other origins; when the origin changes the
 * experiment's headers are dropped (they may hold its credentials); https → http never.
 */
final class Redirects {
    /** OkHttp's limit; requests allows 30. */
    static final int MAX_HOPS = 20;

    private Redirects() {}

    /** The request for the hop {@code response} redirects to. */
    static Request next(Request request, Response response, boolean crossOrigin) throws ActivityFailed {
        String location = response.header("Location");
        HttpUrl from = request.url();
        HttpUrl to = location == null ? null : from.resolve(location);
        if (to == null) throw new ActivityFailed("the redirect from " + from + " names no valid location");
        if (from.isHttps() && !to.isHttps()) {
            throw new ActivityFailed("the redirect from " + from + " to " + to + " is refused: https never goes back"
                    + " to plain http");
        }
        boolean sameOrigin = origin(from).equals(origin(to)) || upgrade(from, to);
        if (!sameOrigin && !crossOrigin) {
            throw new ActivityFailed("the redirect from " + origin(from) + " to " + origin(to) + " is refused:"
                    + " redirects stay on the request's origin here");
        }
        Request.Builder next = request.newBuilder().url(to);
        if (!sameOrigin) next.headers(okhttp3.Headers.of());
        int code = response.code();
        boolean keepsMethod = code == 307 || code == 308 || request.method().equals("GET")
                || request.method().equals("HEAD");
        if (!keepsMethod) {
            next.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length");
        }
        return next.build();
    }

    private static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** http on its default port to https on its default port, same host: the usual upgrade. */
    private static boolean upgrade(HttpUrl from, HttpUrl to) {
        return !from.isHttps() && to.isHttps() && from.host().equals(to.host()) && from.port() == 80
                && to.port() == 443;
    }
}
