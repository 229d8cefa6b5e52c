package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * In-memory Amazon S3 {@code PutObject}, as the compliance check writes its reports: into a bucket that exists
 * (else {@code NoSuchBucket}, 404), with S3's conditional write: {@code If-None-Match: *} on a key that already
 * holds an object is refused with {@code PreconditionFailed} (412), so two runs of one schedule write one report.
 *
 * <p>Scenario section {@code "s3"}: {@code {"buckets": ["shepherd-compliance-reports"]}}.
 */
public final class FakeS3 extends FakeService implements S3Client {
    /** An object as stored: its body and the content type it was written with. */
    public record StoredObject(byte[] body, String contentType) {
    }

    private final Set<String> buckets = new LinkedHashSet<>();
    private final Map<String, Map<String, StoredObject>> objects = new LinkedHashMap<>();

    public FakeS3(CallJournal journal) {
        super(journal, S3Client.class);
    }

    @Override
    public String scenarioKey() {
        return "s3";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "buckets");
        for (JsonNode bucket : section.path("buckets")) {
            if (!bucket.isTextual() || bucket.asText().isBlank()) {
                throw new IllegalArgumentException("s3.buckets holds bucket names (strings)");
            }
            addBucket(bucket.asText());
        }
    }

    public synchronized void addBucket(String name) {
        buckets.add(name);
    }

    /** The object at {@code key}, if one was written. */
    public synchronized Optional<StoredObject> object(String bucket, String key) {
        return Optional.ofNullable(objects.getOrDefault(bucket, Map.of()).get(key));
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            record(request);
            if (!buckets.contains(request.bucket())) {
                throw error(NoSuchBucketException.builder(), "NoSuchBucket", 404, "The specified bucket does not exist");
            }
            Map<String, StoredObject> bucket = objects.computeIfAbsent(request.bucket(), b -> new LinkedHashMap<>());
            if ("*".equals(request.ifNoneMatch()) && bucket.containsKey(request.key())) {
                throw error(S3Exception.builder(), "PreconditionFailed", 412,
                        "At least one of the pre-conditions you specified did not hold");
            }
            bucket.put(request.key(), new StoredObject(bytes, request.contentType()));
            return PutObjectResponse.builder().eTag("\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"")
                    .build();
        }
    }
}
