package dev.chaosaction.function;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records the S3 operations a client makes, with their bucket and key: what an IAM policy must allow. */
final class S3Calls implements ExecutionInterceptor {
    record Call(String operation, String bucket, String key) {
        /** The IAM action allowing the call: IAM has no HEAD actions, GetObject and ListBucket allow them. */
        String action() {
            return "s3:" + switch (operation) {
                case "HeadObject" -> "GetObject";
                case "HeadBucket" -> "ListBucket";
                default -> operation;
            };
        }

        String resource() {
            return "arn:aws:s3:::" + bucket + (key == null ? "" : "/" + key);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                context.request().getValueForField("Bucket", String.class).orElse(null),
                context.request().getValueForField("Key", String.class).orElse(null)));
    }
}
