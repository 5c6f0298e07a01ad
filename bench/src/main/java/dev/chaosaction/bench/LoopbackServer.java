package dev.chaosaction.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A health endpoint on 127.0.0.1 answering {@code {"status": "UP"}}: the probe target of the benchmarks. */
final class LoopbackServer implements AutoCloseable {
    private static final byte[] BODY = "{\"status\": \"UP\"}".getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/health", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Serves until killed, printing its URL: the target for cold-process runs in bench/run.sh. */
    public static void main(String[] args) throws Exception {
        LoopbackServer s = new LoopbackServer();
        System.out.println(s.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
