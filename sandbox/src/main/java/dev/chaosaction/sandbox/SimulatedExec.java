package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code kubectl exec} against the simulation. There is no container to run anything in, so the sandbox
 * answers three commands itself ({@code echo}, {@code true}, {@code false}) and reports any other as not
 * found (exit code 127), over the same channel protocol the API server speaks (v4.channel.k8s.io: one
 * byte of channel, 1 stdout, 2 stderr, 3 the final Status).
 */
final class SimulatedExec {
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte STATUS = 3;

    record Result(String stdout, String stderr, int exitCode) {}

    private SimulatedExec() {}

    static Result run(List<String> command) {
        String program = command.isEmpty() ? "" : command.getFirst();
        return switch (program) {
            case "echo" -> new Result(String.join(" ", command.subList(1, command.size())) + "\n", "", 0);
            case "true" -> new Result("", "", 0);
            case "false" -> new Result("", "", 1);
            default -> new Result("", "sandbox: " + program
                    + ": command not found (the simulated containers run only echo, true and false)\n", 127);
        };
    }

    /** The upgrade response that streams the result and closes. */
    static MockResponse response(Result result) {
        return new MockResponse().setResponseCode(101).setHeader("Sec-WebSocket-Protocol", "v4.channel.k8s.io")
                .withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket, Response response) {
                        if (!result.stdout().isEmpty()) socket.send(frame(STDOUT, result.stdout()));
                        if (!result.stderr().isEmpty()) socket.send(frame(STDERR, result.stderr()));
                        socket.send(frame(STATUS, Serialization.asJson(status(result.exitCode()))));
                        socket.close(1000, "");
                    }
                });
    }

    private static Status status(int exitCode) {
        if (exitCode == 0) return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").build();
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("command terminated with non-zero exit code: exit code " + exitCode)
                .withReason("NonZeroExitCode")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage(String.valueOf(exitCode))
                .endCause().endDetails()
                .build();
    }

    private static byte[] frame(byte channel, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[data.length + 1];
        frame[0] = channel;
        System.arraycopy(data, 0, frame, 1, data.length);
        return frame;
    }
}
