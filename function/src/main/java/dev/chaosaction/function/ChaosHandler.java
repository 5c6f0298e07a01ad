package dev.chaosaction.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;

/**
 * The Lambda handler ({@code dev.chaosaction.function.ChaosHandler::handleRequest}). A stream handler, so that
 * any event shape reaches {@link Payloads} as it was sent. Lambda makes one instance per execution environment;
 * building it reads the environment and nothing more: clients are made by the first invocation that needs them,
 * or, with SnapStart, by the {@link Priming} run before the snapshot.
 */
public final class ChaosHandler implements RequestStreamHandler {
    private final ChaosFunction function;
    /** Held here: CRaC keeps only weak references to the resources registered with it. */
    private final Priming priming;

    public ChaosHandler() {
        this(ChaosFunction.fromEnvironment(System.getenv()));
    }

    public ChaosHandler(ChaosFunction function) {
        this.function = function;
        this.priming = new Priming(function);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        Json.write(function.invoke(payload, context), output);
    }
}
