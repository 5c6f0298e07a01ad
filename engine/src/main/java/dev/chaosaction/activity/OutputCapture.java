package dev.chaosaction.activity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Drains one output stream of a process on its own thread, so that a process filling its stderr pipe never
 * blocks while we read its stdout. Keeps the first {@code limit} bytes and counts the rest, so that a chatty
 * process cannot exhaust memory.
 */
final class OutputCapture {
    /** What one stream (a process's stdout or stderr, an HTTP body) may keep in memory and in the journal. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final int limit;
    private long dropped;
    /** Completes at end of stream; reading {@link #text()} after it is safe. */
    final CompletableFuture<Void> done = new CompletableFuture<>();

    private OutputCapture(int limit) {
        this.limit = limit;
    }

    static OutputCapture start(InputStream in, int limit, String threadName) {
        OutputCapture capture = new OutputCapture(limit);
        Thread.ofPlatform().daemon().name(threadName).start(() -> capture.drain(in));
        return capture;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                int kept = Math.min(n, limit - head.size());
                head.write(buffer, 0, kept);
                dropped += n - kept;
            }
        } catch (IOException e) {
            // The pipe broke because the process was killed: what was read so far is all there is.
        } finally {
            done.complete(null);
        }
    }

    /** The output decoded as UTF-8 (bad bytes become U+FFFD), with a note when its tail was dropped. */
    String text() {
        String text = head.toString(StandardCharsets.UTF_8);
        if (dropped == 0) return text;
        return text + "\n[chaos-action: output truncated after " + limit + " bytes, " + dropped + " bytes dropped]";
    }

    /** The note a body cut at {@code limit} ends with: the rest was never read, so its size is unknown. */
    static String truncatedBody(String head, int limit) {
        return head + "\n[chaos-action: body truncated after " + limit + " bytes, the rest was not read]";
    }
}
