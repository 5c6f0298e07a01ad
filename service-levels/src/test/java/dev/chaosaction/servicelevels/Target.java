package dev.chaosaction.servicelevels;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server whose answers the request body decides: {@code {"delay_ms": 300, "status": 503}} waits
 * 300 ms, then answers 503. Counts what it received.
 */
final class Target implements AutoCloseable {
    private static final Pattern DELAY = Pattern.compile("\"delay_ms\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");
    private final HttpServer server;
    private final ExecutorService threads;
    final AtomicInteger received = new AtomicInteger();

    /** @param threads how many requests it serves at once (1 makes one slow answer hold up the others) */
    Target(int threads) throws IOException {
        this.threads = Executors.newFixedThreadPool(threads);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(this.threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Thread.sleep(number(DELAY, body, 0));
                byte[] answer = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(number(STATUS, body, 200), answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/predict";
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static int number(Pattern p, String body, int otherwise) {
        Matcher m = p.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : otherwise;
    }
}
