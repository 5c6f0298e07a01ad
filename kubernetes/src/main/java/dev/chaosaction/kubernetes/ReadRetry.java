package dev.chaosaction.kubernetes;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Asks again for a read whose answer breaks off mid-body (a connection dropped during a long list): fabric8
 * retries only what fails before an answer's headers arrive. The body is read whole here, so only plain reads
 * qualify, never watches, followed logs or WebSocket upgrades, which stream; a GET changes nothing, so asking
 * again is safe.
 */
final class ReadRetry implements Interceptor {
    static final int ATTEMPTS = 3;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!plainRead(request)) return chain.proceed(request);
        for (int attempt = 1; ; attempt++) {
            // A failure before the answer is thrown from here, for fabric8's own retries.
            Response response = chain.proceed(request);
            try (ResponseBody body = response.body()) {
                return response.newBuilder().body(ResponseBody.create(body.bytes(), body.contentType())).build();
            } catch (IOException e) {
                if (attempt == ATTEMPTS || chain.call().isCanceled()) throw e;
            }
        }
    }

    private static boolean plainRead(Request request) {
        return "GET".equals(request.method()) && request.header("Upgrade") == null
                && !"true".equals(request.url().queryParameter("watch"))
                && !"true".equals(request.url().queryParameter("follow"));
    }
}
