package dev.chaosaction.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server whose every answer announces and streams a body of {@code size} bytes, written chunk by
 * chunk (it is never in memory), until the client hangs up. It counts what it managed to send.
 */
public final class HugeBodyServer implements AutoCloseable {
    private final ServerSocket socket;
    private final long size;
    private final AtomicLong sent = new AtomicLong();

    public HugeBodyServer(long size) throws IOException {
        this.size = size;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("huge-body").start(this::serve);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/huge";
    }

    /** Bytes of body written so far, over all requests. */
    public long sent() {
        return sent.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                answer(client);
            } catch (IOException e) {
                // The client hung up mid-body, or the server was closed.
            }
        }
    }

    private void answer(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        byte[] request = new byte[8192];
        for (int n = 0, last = -1; !new String(request, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n"); ) {
            last = in.read(request, n, request.length - n);
            if (last < 0) return;
            n += last;
        }
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        for (long left = size; left > 0; left -= chunk.length) {
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            sent.addAndGet(n);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
