package dev.chaosaction.function.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The Lambda context of a local invocation: a request id, a deadline the remaining time counts down to, and a
 * logger that hands each log call to {@code lines} (standard output for the invoke server).
 */
public final class LocalContext implements Context {
    private static final int MEMORY_MB = 1024;

    private final String requestId;
    private final String functionName;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    public LocalContext(String requestId, String functionName, Duration timeout, Consumer<String> lines) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.clock = Clock.systemUTC();
        this.deadline = clock.instant().plus(timeout);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.accept(message);
            }

            @Override
            public void log(byte[] message) {
                lines.accept(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/local/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "stdout";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return MEMORY_MB;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
