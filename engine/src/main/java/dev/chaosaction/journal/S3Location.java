package dev.chaosaction.journal;

/** An {@code s3://bucket/key} reference to an object. */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";

    /** @throws IllegalArgumentException when {@code uri} is not {@code s3://bucket/key} with both parts */
    public static S3Location parse(String uri) {
        String location = uri != null && uri.startsWith(SCHEME) ? uri.substring(SCHEME.length()) : "";
        int slash = location.indexOf('/');
        if (slash <= 0 || slash == location.length() - 1) {
            throw new IllegalArgumentException("'" + uri + "' is not an s3://bucket/key reference");
        }
        return new S3Location(location.substring(0, slash), location.substring(slash + 1));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
