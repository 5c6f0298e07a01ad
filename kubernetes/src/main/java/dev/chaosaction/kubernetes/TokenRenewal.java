package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.CompletableFuture;

/**
 * Renews a cached bearer token the API server refused (401) and sends the request again with the new one. On a
 * 401 fabric8 asks its token provider once more, but a provider that caches its token (the EKS one signs a new
 * token only every 14 minutes) hands back the very token just refused: a token can be refused early (the
 * credentials that signed it expired or were rotated, the clocks disagree).
 */
public final class TokenRenewal implements Interceptor {
    static final String NAME = "chaos-token-renewal";
    private static final String BEARER = "Bearer ";

    /** A token provider that caches its token and forgets it when told the server refused it. */
    public interface Renewable extends OAuthTokenProvider {
        void refused(String token);
    }

    private final Renewable tokens;

    TokenRenewal(Renewable tokens) {
        this.tokens = tokens;
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder retry, HttpResponse<?> response, RequestTags tags) {
        String sent = response.request().header("Authorization");
        if (response.code() != 401 || sent == null || !sent.startsWith(BEARER)) {
            return CompletableFuture.completedFuture(false);
        }
        String refused = sent.substring(BEARER.length());
        tokens.refused(refused);
        String renewed = tokens.getToken();
        if (renewed == null || renewed.equals(refused)) return CompletableFuture.completedFuture(false);
        retry.setHeader("Authorization", BEARER + renewed);
        return CompletableFuture.completedFuture(true);
    }
}
