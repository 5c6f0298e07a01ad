package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One CloudWatch call, its failures in boto3's words: an error CloudWatch answered is botocore's
 * {@code ClientError} ("An error occurred (Code) when calling the Op operation: message"); one the SDK met on the
 * way (no credentials, no connection) is said in one line. A call the run's stop outlived is an interruption.
 */
final class Calls {
    private Calls() {}

    static <T> T call(String operation, CancelToken cancel, Supplier<T> call) throws ActivityFailed {
        cancel.throwIfCancelled();
        try {
            return call.get();
        } catch (AwsServiceException e) {
            cancel.throwIfCancelled();
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new ActivityFailed("An error occurred (" + (code == null ? e.statusCode() : code)
                    + ") when calling the " + operation + " operation: " + message, e);
        } catch (SdkException e) {
            cancel.throwIfCancelled();
            throw new ActivityFailed(operation + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The SDK's message, shortened where it runs long: its default chain's failure names every provider it tried
     * with each one's failure (boto3 says "Unable to locate credentials").
     */
    private static String firstLine(String message) {
        if (message == null) return "no message";
        if (message.startsWith("Unable to load credentials from any of the providers in the chain")) {
            return "Unable to locate credentials: the SDK's default chain (environment, system properties,"
                    + " ~/.aws, web identity, container, instance) found none";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
