package dev.chaosaction.action;

/**
 * Where the {@code journal-s3-uri} input sends journals: {@code s3://bucket} or {@code s3://bucket/prefix}. The
 * key below the prefix is the one every journal store uses ({@code yyyy/MM/dd/experiment-slug/run-id.json}), so
 * the action's journals sit beside the Lambda function's.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, empty or ending with {@code /}
 */
public record S3Target(String bucket, String prefix) {
    private static final String SCHEME = "s3://";

    /** Parses the input; an {@link IllegalArgumentException} says what is wrong. */
    public static S3Target parse(String uri) {
        String rest = uri.startsWith(SCHEME) ? uri.substring(SCHEME.length()) : null;
        int slash = rest == null ? -1 : rest.indexOf('/');
        String bucket = rest == null ? "" : slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("expected s3://bucket or s3://bucket/prefix, got '" + uri + "'");
        }
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        return new S3Target(bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
    }
}
