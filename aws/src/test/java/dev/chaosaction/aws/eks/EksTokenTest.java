package dev.chaosaction.aws.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

public class EksTokenTest {
    public static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
    public static final Instant SIGNED_AT = Instant.parse("2026-11-26T10:15:30Z");

    /** The presigned URL inside a token. */
    public static URI decode(String token) {
        assertTrue(token.startsWith("k8s-aws-v1."), token);
        byte[] url = Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length()));
        return URI.create(new String(url, StandardCharsets.UTF_8));
    }

    public static Map<String, String> query(URI url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void tokenIsAPresignedGetCallerIdentityUrlForTheRegionsSts() {
        String token = EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT);

        URI url = decode(token);
        assertEquals("https", url.getScheme());
        assertEquals("sts.eu-west-1.amazonaws.com", url.getHost());
        assertEquals("/", url.getPath());
        Map<String, String> query = query(url);
        assertEquals("GetCallerIdentity", query.get("Action"));
        assertEquals("2011-06-15", query.get("Version"));
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertEquals("20261126T101530Z", query.get("X-Amz-Date"));
        assertEquals("AKIDEXAMPLE/20261126/eu-west-1/sts/aws4_request", query.get("X-Amz-Credential"));
        assertEquals("host;x-k8s-aws-id", query.get("X-Amz-SignedHeaders"));
        assertEquals("60", query.get("X-Amz-Expires"));
        assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"), query.get("X-Amz-Signature"));
        assertEquals(8, query.size(), "only parameters the verifier allows: " + query.keySet());
    }

    @Test
    void tokenHasNoPaddingAndIsUrlSafe() {
        for (String cluster : new String[] {"a", "ab", "abc", "production-cluster"}) {
            String token = EksToken.create(cluster, Region.EU_WEST_1, CREDENTIALS, SIGNED_AT);
            assertTrue(token.matches("k8s-aws-v1\\.[A-Za-z0-9_-]+"), token);
        }
    }

    @Test
    void sameInputsGiveTheSameTokenAndTheSignatureCoversClusterAndTime() {
        String token = EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT);

        assertEquals(token, EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT));
        String otherCluster = query(decode(EksToken.create("staging", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT)))
                .get("X-Amz-Signature");
        String otherTime = query(decode(EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS,
                SIGNED_AT.plusSeconds(1)))).get("X-Amz-Signature");
        String signature = query(decode(token)).get("X-Amz-Signature");
        assertNotEquals(signature, otherCluster);
        assertNotEquals(signature, otherTime);
    }

    /**
     * The SDK's older presigner is what working Java EKS clients used; its URL for the same request, time and
     * credentials must be ours byte for byte (same canonical request, so STS will accept it).
     */
    @Test
    @SuppressWarnings("deprecation")
    void signatureMatchesTheSdksLegacyPresigner() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts.eu-west-1.amazonaws.com/"))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", "prod")
                .build();
        Aws4PresignerParams params = Aws4PresignerParams.builder()
                .awsCredentials(CREDENTIALS)
                .signingName("sts")
                .signingRegion(Region.EU_WEST_1)
                .expirationTime(SIGNED_AT.plusSeconds(60))
                .signingClockOverride(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .build();
        URI legacy = Aws4Signer.create().presign(request, params).getUri();

        URI ours = decode(EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT));

        assertEquals(query(legacy), query(ours));
    }

    @Test
    void temporaryCredentialsCarryTheirSessionToken() {
        var session = AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token/with+chars");

        Map<String, String> query = query(decode(EksToken.create("prod", Region.EU_WEST_1, session, SIGNED_AT)));

        assertEquals("session-token/with+chars", query.get("X-Amz-Security-Token"));
        assertTrue(query.get("X-Amz-Credential").startsWith("ASIAEXAMPLE/"));
    }

    @Test
    void otherPartitionsUseTheirOwnStsHost() {
        URI url = decode(EksToken.create("prod", Region.CN_NORTH_1, CREDENTIALS, SIGNED_AT));

        assertEquals("sts.cn-north-1.amazonaws.com.cn", url.getHost());
        assertFalse(url.toString().contains("prod"), "the cluster name travels in a header, not the URL");
    }
}
