package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Priming walks terminate_pods through a real client, and opens no connection while doing it. */
@Timeout(60)
class KubernetesPrimingTest {

    @Test
    void primingTerminatesTheAnsweredPodWithoutConnectingToTheServerItNames() throws Exception {
        try (Listener server = new Listener()) {
            List<?> terminated = KubernetesPriming.prime("https://127.0.0.1:" + server.port());
            assertEquals(List.of("web-5d8c-a"), terminated, "terminate_pods ran on the answered pod list");
            assertEquals(0, server.accepted(), "no connection reached the server the kubeconfig names");
            // The listener counts what does connect: the assertion above could fail.
            new Socket(InetAddress.getLoopbackAddress(), server.port()).close();
            assertEquals(1, server.accepted());
        }
    }

    /** The built-in server's name never resolves: reaching for it would fail the priming. */
    @Test
    void theBuiltInKubeconfigIsPrimedWithoutResolvingItsServer() {
        assertEquals(List.of("web-5d8c-a"), KubernetesPriming.prime());
        Kubernetes.prime();
    }

    /** A loopback server that counts the connections it accepts. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread = Thread.ofPlatform().daemon().start(this::accept);

        Listener() throws IOException {}

        int port() {
            return socket.getLocalPort();
        }

        int accepted() throws InterruptedException {
            Thread.sleep(200); // a connection being opened right now is counted too
            return accepted.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
