package dev.chaosaction.aws.eks;

import dev.chaosaction.kubernetes.TokenRenewal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Hands out an EKS token for one cluster, signing a new one only when the cached one is
 * {@link #REFRESH_AFTER} old. fabric8 asks for the token before every request, so signing each time would be
 * wasted work; STS accepts a token for 15 minutes after it was signed, and renewing at 14 leaves a minute for
 * the request in flight (aws-iam-authenticator's own margin). A token the API server refuses before then (the
 * credentials that signed it expired) is forgotten, and the next one is signed with freshly resolved
 * credentials. Safe to call from several threads.
 */
public final class EksTokenProvider implements TokenRenewal.Renewable {
    static final Duration REFRESH_AFTER = Duration.ofMinutes(14);

    private final String cluster;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private Signed current;

    private record Signed(String token, Instant at) {}

    public EksTokenProvider(String cluster, Region region, AwsCredentialsProvider credentials, Clock clock) {
        this.cluster = cluster;
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A token valid for at least one more minute. */
    @Override
    public synchronized String getToken() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.at().plus(REFRESH_AFTER))) {
            current = new Signed(EksToken.create(cluster, region, credentials.resolveCredentials(), now), now);
        }
        return current.token();
    }

    @Override
    public synchronized void refused(String token) {
        if (current != null && current.token().equals(token)) current = null;
    }

    /** Names the cluster only: the token is a credential and must not reach logs. */
    @Override
    public String toString() {
        return "EksTokenProvider[cluster=" + cluster + ", region=" + region.id() + "]";
    }
}
