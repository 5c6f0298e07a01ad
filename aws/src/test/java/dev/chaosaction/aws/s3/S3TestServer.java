package dev.chaosaction.aws.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-compatible server in the test JVM (s3proxy on an in-memory store, 127.0.0.1, a free port) that
 * checks SigV4 signatures, and real SDK clients for it. One per test class: starting one costs little, and a
 * stopped one (to make S3 fail) cannot be started again.
 */
public final class S3TestServer implements AutoCloseable {
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("chaos-test", "chaos-test-secret"));

    private final S3Proxy proxy;
    // Test set-up writes and reads the store directly: an HTTP round trip there would only add a way for a
    // test to fail before it starts (a loaded CI machine once failed a set-up PUT four times in a row).
    private final BlobStore store = new TransientNio2BlobStore();

    public S3TestServer() {
        var credentials = CREDENTIALS.resolveCredentials();
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
                        credentials.secretAccessKey())
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) Thread.onSpinWait();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client as the function builds one: URL-connection HTTP, path-style addressing; interceptors watch it. */
    public S3Client client(ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .build();
    }

    public S3TestServer bucket(String name) {
        store.createContainer(name);
        return this;
    }

    public String read(String bucket, String key) {
        try (var object = store.getBlob(bucket, key)) {
            return new String(object.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(String bucket, String key, String body) {
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).build(),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stops the server for good: later calls are refused, as when S3 is unreachable. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }

    @Override
    public void close() {
        if (!"STOPPED".equals(proxy.getState())) stop();
    }
}
