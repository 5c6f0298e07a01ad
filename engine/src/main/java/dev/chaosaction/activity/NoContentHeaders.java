package dev.chaosaction.activity;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * OkHttp refuses a {@code 204 No Content} or {@code 205} whose headers announce a body ({@code Content-Length: 2},
 * as some frameworks send) with a {@link java.net.ProtocolException}, after it has read the headers. Python
 * requests takes such an answer as an empty body, so Chaos Toolkit's probe gets its status and headers. This
 * listener, added to one call, keeps that answer's head so the provider can still return it.
 */
final class NoContentHeaders extends EventListener {
    private volatile Response head;

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        head = response.code() == 204 || response.code() == 205 ? response : null;
    }

    /** The 204/205 answer's head the call ended on, or null. */
    Response head() {
        return head;
    }
}
