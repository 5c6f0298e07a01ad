package dev.chaosaction.aws.eks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * The bearer token EKS accepts, built the way aws-iam-authenticator builds it: {@code k8s-aws-v1.} followed by
 * the unpadded base64url of an STS {@code GetCallerIdentity} URL presigned with SigV4, with the header
 * {@code x-k8s-aws-id: <cluster>} among the signed headers. The API server replays that URL against STS to
 * learn who is calling, so no kubectl or AWS CLI is needed.
 */
public final class EksToken {
    public static final String PREFIX = "k8s-aws-v1.";
    /** Signed so that a token for one cluster cannot be replayed against another. */
    static final String CLUSTER_HEADER = "x-k8s-aws-id";
    /**
     * What aws-iam-authenticator puts in {@code X-Amz-Expires}. STS ignores it for this call: the URL lives
     * 15 minutes after {@code X-Amz-Date} whatever it says (see {@link EksTokenProvider}).
     */
    static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private EksToken() {}

    /** The token for {@code cluster}, signed at {@code signedAt}; the same inputs give the same token. */
    public static String create(String cluster, Region region, AwsCredentialsIdentity credentials, Instant signedAt) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsUri(region))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_HEADER, cluster)
                .build();
        SdkHttpRequest signed = SIGNER.sign(sign -> sign
                .identity(credentials)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                // STS checks the hash of the empty body, as for any presigned call outside S3.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        byte[] url = signed.getUri().toString().getBytes(StandardCharsets.UTF_8);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url);
    }

    /** The region's STS endpoint as the SDK's metadata knows it (partitions such as China differ). */
    private static URI stsUri(Region region) {
        return URI.create("https://" + ServiceMetadata.of("sts").endpointFor(region) + "/");
    }
}
