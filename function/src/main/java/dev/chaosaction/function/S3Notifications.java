package dev.chaosaction.function;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.chaosaction.experiment.InvalidExperimentException;
import java.util.List;
import java.util.Map;

/**
 * An S3 event notification sent straight to the function (a bucket of another stack, wired to it): the object
 * created runs as {@code s3://bucket/key}. Read into aws-lambda-java-events' {@link S3EventNotification} record types, whose
 * key decoding S3's URL-encoded keys need; only this class names those types, and {@link Payloads} calls it only
 * for such an event, so no other payload loads them.
 * The record is built without its event time, the one joda-time field.
 */
final class S3Notifications {
    private static final String SOURCE = "aws:s3";

    private S3Notifications() {}

    static Request request(Map<String, Object> document) throws InvalidExperimentException {
        List<?> records = (List<?>) document.get("Records");
        if (records.size() != 1) {
            throw new InvalidExperimentException("/Records", "expected the one record S3 sends per notification, got "
                    + records.size());
        }
        S3EventNotificationRecord record = record((Map<?, ?>) records.getFirst());
        if (!record.getEventName().startsWith("ObjectCreated:")) {
            throw new InvalidExperimentException("/Records/0/eventName", "only ObjectCreated events run an experiment,"
                    + " not " + record.getEventName());
        }
        S3ObjectEntity object = record.getS3().getObject();
        String bucket = record.getS3().getBucket().getName();
        // The object's version (else its sequencer) tells one upload from the next of the same key.
        String upload = object.getVersionId() != null ? object.getVersionId() : object.getSequencer();
        return new Request(Experiments.S3 + bucket + "/" + object.getUrlDecodedKey(), "/Records/0/s3/object/key",
                Map.of(), RequestSettings.DEFAULTS, null, null, null, List.of())
                .delivered(null, Request.safe(bucket + " " + object.getKey() + " " + upload));
    }

    private static S3EventNotificationRecord record(Map<?, ?> record) throws InvalidExperimentException {
        Map<?, ?> s3 = map(record.get("s3"));
        Map<?, ?> bucket = map(s3.get("bucket"));
        Map<?, ?> object = map(s3.get("object"));
        if (!(bucket.get("name") instanceof String name) || !(object.get("key") instanceof String key)
                || !(record.get("eventName") instanceof String eventName)) {
            throw new InvalidExperimentException("/Records/0", "an S3 notification record names its event "
                    + "(eventName), bucket (s3.bucket.name) and object (s3.object.key)");
        }
        S3ObjectEntity entity = new S3ObjectEntity(key, object.get("size") instanceof Number n ? n.longValue() : null,
                text(object.get("eTag")), text(object.get("versionId")), text(object.get("sequencer")));
        return new S3EventNotificationRecord(text(record.get("awsRegion")), eventName, SOURCE, null,
                text(record.get("eventVersion")), null, null,
                new S3Entity(text(s3.get("configurationId")), new S3BucketEntity(name, null, text(bucket.get("arn"))),
                        entity, text(s3.get("s3SchemaVersion"))), null);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
