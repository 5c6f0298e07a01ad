package dev.chaosaction.bench;

import dev.chaosaction.aws.s3.S3Clients;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which HTTP client gets the S3 client to its first request sooner in a fresh JVM: the function's client
 * ({@link S3Clients}) with its URL-connection HTTP client, or the same with the CRT one. Args: {@code urlconnection}
 * or {@code crt}, the S3 endpoint (bench/run.sh's s3proxy). Prints the milliseconds to build the client and to
 * answer its first and second PutObject.
 */
public final class S3ClientStart {
    private S3ClientStart() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        SdkHttpClient.Builder<?> http = switch (args[0]) {
            case "urlconnection" -> UrlConnectionHttpClient.builder();
            case "crt" -> AwsCrtHttpClient.builder();
            default -> throw new IllegalArgumentException("urlconnection or crt, not " + args[0]);
        };
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret"));
        try (S3Client s3 = S3Clients.builder("us-east-1", URI.create(args[1]), credentials)
                .httpClientBuilder(http).build()) {
            long built = System.nanoTime();
            s3.putObject(b -> b.bucket("journals").key("s3-client-start/first"), RequestBody.fromString("{}"));
            long first = System.nanoTime();
            s3.putObject(b -> b.bucket("journals").key("s3-client-start/second"), RequestBody.fromString("{}"));
            long second = System.nanoTime();
            System.out.printf(Locale.ROOT, "%.1f %.1f %.1f%n", (built - start) / 1e6, (first - built) / 1e6,
                    (second - first) / 1e6);
        }
    }
}
