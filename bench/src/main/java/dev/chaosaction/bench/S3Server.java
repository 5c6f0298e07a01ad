package dev.chaosaction.bench;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * An S3-compatible server on 127.0.0.1 (s3proxy, in memory, SigV4 checked) with the bucket {@code journals}:
 * where the function's cold start writes its run lock and journal in bench/run.sh. Prints its endpoint and serves
 * until killed. Credentials: {@code bench} / {@code bench-secret}.
 */
public final class S3Server {
    private S3Server() {}

    public static void main(String[] args) throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        store.createContainer(CreateBucketRequest.builder().bucket("journals").build());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
                .stopTimeout(0)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) Thread.onSpinWait();
        System.out.println("http://127.0.0.1:" + proxy.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
