package dev.chaosaction.aws.eks;

import static dev.chaosaction.aws.eks.EksTokenTest.CREDENTIALS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.kubernetes.ClusterConnectionException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

public class EksClusterTest {

    /** A local HTTP server answering EKS DescribeCluster with one canned reply, recording what it was sent. */
    public static final class EksEndpoint implements AutoCloseable {
        public record Call(String method, String path, String authorization) {}

        public final List<Call> calls = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final int status;
        private final String errorType;
        private final String body;

        private EksEndpoint(int status, String errorType, String body) throws IOException {
            this.status = status;
            this.errorType = errorType;
            this.body = body;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        /** Replies as EKS does for an existing cluster. */
        public static EksEndpoint describing(String name, String endpoint, String caBase64) throws IOException {
            return new EksEndpoint(200, null, """
                    {"cluster":{"name":"%s","arn":"arn:aws:eks:eu-west-1:111122223333:cluster/%s",
                     "endpoint":"%s","status":"ACTIVE","version":"1.33",
                     "certificateAuthority":{"data":"%s"}}}""".formatted(name, name, endpoint, caBase64));
        }

        /** Replies with an AWS error, as EKS's REST-JSON protocol carries it. */
        public static EksEndpoint failing(int status, String errorType, String message) throws IOException {
            return new EksEndpoint(status, errorType, "{\"message\":\"" + message + "\"}");
        }

        public static EksEndpoint replying(String body) throws IOException {
            return new EksEndpoint(200, null, body);
        }

        public URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void answer(HttpExchange exchange) throws IOException {
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (errorType != null) exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    EksEndpoint eks;

    @AfterEach
    void stop() {
        if (eks != null) eks.close();
    }

    private EksCluster describe(String name) {
        return EksCluster.describe(name, Region.EU_WEST_1, StaticCredentialsProvider.create(CREDENTIALS), eks.uri());
    }

    @Test
    void describeReturnsEndpointAndCertificateAuthority() throws IOException {
        eks = EksEndpoint.describing("prod", "https://ABCD.gr7.eu-west-1.eks.amazonaws.com", "TFMwdExTMUNSVWRK");

        EksCluster cluster = describe("prod");

        assertEquals(new EksCluster("prod", Region.EU_WEST_1, "https://ABCD.gr7.eu-west-1.eks.amazonaws.com",
                "TFMwdExTMUNSVWRK"), cluster);
        assertEquals(1, eks.calls.size());
        EksEndpoint.Call call = eks.calls.getFirst();
        assertEquals("GET", call.method());
        assertEquals("/clusters/prod", call.path());
        assertTrue(call.authorization().startsWith(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), call.authorization());
        assertTrue(call.authorization().contains("/eu-west-1/eks/aws4_request"), call.authorization());
        assertTrue(call.authorization().matches(".*Signature=[0-9a-f]{64}$"), call.authorization());
    }

    @Test
    void unknownClusterIsNamedWithAwsReason() throws IOException {
        eks = EksEndpoint.failing(404, "ResourceNotFoundException", "No cluster found for name: nope.");

        var e = assertThrows(ClusterConnectionException.class, () -> describe("nope"));

        assertEquals("EKS cluster 'nope' in eu-west-1: DescribeCluster failed: ResourceNotFoundException:"
                + " No cluster found for name: nope. (HTTP 404)", e.getMessage());
    }

    @Test
    void missingPermissionIsNamedWithAwsReason() throws IOException {
        eks = EksEndpoint.failing(403, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/chaos"
                + " is not authorized to perform: eks:DescribeCluster");

        var e = assertThrows(ClusterConnectionException.class, () -> describe("prod"));

        assertEquals("EKS cluster 'prod' in eu-west-1: DescribeCluster failed: AccessDeniedException: User:"
                + " arn:aws:sts::111122223333:assumed-role/chaos is not authorized to perform: eks:DescribeCluster"
                + " (HTTP 403)", e.getMessage());
    }

    @Test
    void clusterStillCreatingHasNoEndpointYet() throws IOException {
        eks = EksEndpoint.replying("{\"cluster\":{\"name\":\"new\",\"status\":\"CREATING\"}}");

        var e = assertThrows(ClusterConnectionException.class, () -> describe("new"));

        assertEquals("EKS cluster 'new' in eu-west-1 has no API endpoint yet (status CREATING)", e.getMessage());
    }

    @Test
    void unreachableEndpointIsNamed() throws IOException {
        eks = EksEndpoint.replying("{}");
        URI closed = eks.uri();
        eks.close();

        var e = assertThrows(ClusterConnectionException.class, () -> EksCluster.describe("prod", Region.EU_WEST_1,
                StaticCredentialsProvider.create(CREDENTIALS), closed));

        assertTrue(e.getMessage().startsWith("EKS cluster 'prod' in eu-west-1: DescribeCluster failed: Unable to"
                + " execute HTTP request"), e.getMessage());
        eks = null;
    }
}
