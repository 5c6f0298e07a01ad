package dev.chaosaction.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The AWS SDK for Java (2.40.6 and later) calls CloudWatch in Smithy RPC v2 CBOR, which moto does not speak
 * (getmoto/moto#9195: JSON and query only). This loopback bridge re-encodes each CBOR call as the same operation
 * in CloudWatch's JSON protocol, sends it to moto, and re-encodes moto's answer (status kept) as CBOR. Everything
 * CloudWatch does is moto's; the bridge only translates the encoding.
 */
final class CloudWatchCborBridge implements AutoCloseable {
    private final HttpServer bridge;

    CloudWatchCborBridge(URI moto) throws IOException {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper cbor = new CBORMapper();
        ObjectMapper json = new ObjectMapper();
        bridge.createContext("/service/GraniteServiceVersion20100801/operation/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String operation = path.substring(path.lastIndexOf('/') + 1);
                byte[] body = exchange.getRequestBody().readAllBytes();
                String request = body.length == 0 ? "{}" : json.writeValueAsString(cbor.readTree(body));
                // HttpURLConnection, as the SDK's client: the fuzz tests' agent in the same JVM hooks NIO sockets.
                HttpURLConnection call = (HttpURLConnection) moto.toURL().openConnection(Proxy.NO_PROXY);
                call.setRequestMethod("POST");
                call.setDoOutput(true);
                call.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
                call.setRequestProperty("X-Amz-Target", "GraniteServiceVersion20100801." + operation);
                call.setRequestProperty("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                try (var out = call.getOutputStream()) {
                    out.write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                int status = call.getResponseCode();
                byte[] answer;
                try (var in = status < 400 ? call.getInputStream() : call.getErrorStream()) {
                    answer = in == null ? new byte[0] : in.readAllBytes();
                }
                byte[] reply = cbor.writeValueAsBytes(json.readTree(answer.length == 0 ? "{}".getBytes() : answer));
                exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (IOException | RuntimeException e) {
                // Said on stderr: the SDK only sees the connection close.
                System.err.println("moto CBOR bridge: " + e);
                throw e;
            }
        });
        bridge.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + bridge.getAddress().getPort());
    }

    @Override
    public void close() {
        bridge.stop(0);
    }
}
