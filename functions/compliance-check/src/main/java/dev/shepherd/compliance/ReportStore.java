package dev.shepherd.compliance;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes each run's JSON report to S3, once: the key is the run's identity (environment, cadence, scheduled time)
 * and the write is conditional ({@code If-None-Match: *}), so a retry or second delivery of a scheduled run finds
 * its report already there and the run is not announced twice. A manual run is keyed by its own time.
 */
final class ReportStore {
    private final S3Client s3;
    private final String bucket;

    ReportStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    String bucket() {
        return bucket;
    }

    /** {@code compliance/dev/daily/2026-12-14/2026-12-14T02:00:00Z.json}; manual runs under {@code manual}. */
    static String key(Report report) {
        String kind = report.scheduled() ? report.cadence().wire() : "manual";
        return "compliance/" + report.environment() + "/" + kind + "/"
                + report.runAt().atZone(ZoneOffset.UTC).toLocalDate() + "/" + report.runAt() + ".json";
    }

    /** @return false when this run's report is already there: the run was done before */
    boolean writeOnce(String key, String json) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
                    RequestBody.fromString(json, StandardCharsets.UTF_8));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw e;
        }
    }
}
