package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The recovery and hygiene promise the checks hold resources to, from the {@code targets} object of the compliance
 * policy ({@code /shepherd/<environment>/compliance}); every field is optional and defaults to the platform's
 * promise.
 *
 * @param rpo              {@code rpoMinutes} (60): the newest restorable point may be at most this old, at home
 *                         and in the DR Region
 * @param retentionDays    {@code retentionDays} (30): automated backups and recovery points kept at least this long
 * @param snapshotMaxAge   {@code snapshotMaxAgeHours} (24): the newest snapshot may be at most this old
 * @param drRegion         {@code drRegion} (ap-northeast-1): where copies must be
 * @param rto              {@code rtoMinutes} (240): a restore must finish within this
 * @param rotationGrace    {@code rotationGraceHours} (24): how late a rotation may be past its schedule
 * @param scopeTags        {@code scopeTags} ({}): a resource is checked when it carries every one of these tags;
 *                         empty means every resource
 * @param checkTimeout     {@code checkTimeoutSeconds} (60): how long one check of one Region may take
 */
record Targets(Duration rpo, int retentionDays, Duration snapshotMaxAge, Region drRegion, Duration rto,
        Duration rotationGrace, Map<String, String> scopeTags, Duration checkTimeout) {
    static final Targets DEFAULTS = new Targets(Duration.ofMinutes(60), 30, Duration.ofHours(24),
            Region.AP_NORTHEAST_1, Duration.ofMinutes(240), Duration.ofHours(24), Map.of(), Duration.ofSeconds(60));

    private static final Set<String> FIELDS = Set.of("rpoMinutes", "retentionDays", "snapshotMaxAgeHours", "drRegion",
            "rtoMinutes", "rotationGraceHours", "scopeTags", "checkTimeoutSeconds");

    Targets {
        scopeTags = Map.copyOf(scopeTags);
    }

    /** Whether a resource with these tags is in scope. */
    boolean inScope(Map<String, String> tags) {
        return scopeTags.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }

    /** The targets an absent or partial {@code targets} object means; each problem is added to {@code problems}. */
    static Targets parse(JsonNode node, List<String> problems) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return DEFAULTS;
        }
        if (!node.isObject()) {
            problems.add("targets must be an object");
            return DEFAULTS;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("targets." + f + " is not a known target; known: " + FIELDS.stream().sorted().toList());
            }
        });
        Duration rpo = Duration.ofMinutes(whole(node, "rpoMinutes", DEFAULTS.rpo.toMinutes(), 5, 7 * 24 * 60, problems));
        int retention = (int) whole(node, "retentionDays", DEFAULTS.retentionDays, 1, 35, problems);
        Duration snapshotAge = Duration.ofHours(whole(node, "snapshotMaxAgeHours", DEFAULTS.snapshotMaxAge.toHours(),
                1, 35 * 24, problems));
        Region dr = DEFAULTS.drRegion;
        JsonNode region = node.get("drRegion");
        if (region != null) {
            if (region.isTextual() && region.asText().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                dr = Region.of(region.asText());
            } else {
                problems.add("targets.drRegion must be a Region name such as ap-northeast-1");
            }
        }
        Duration rto = Duration.ofMinutes(whole(node, "rtoMinutes", DEFAULTS.rto.toMinutes(), 1, 7 * 24 * 60, problems));
        Duration grace = Duration.ofHours(whole(node, "rotationGraceHours", DEFAULTS.rotationGrace.toHours(), 0,
                30 * 24, problems));
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode scope = node.get("scopeTags");
        if (scope != null) {
            if (!scope.isObject()) {
                problems.add("targets.scopeTags must be an object of tag key to value");
            } else {
                scope.fields().forEachRemaining(e -> {
                    if (e.getKey().isBlank() || !e.getValue().isTextual()) {
                        problems.add("targets.scopeTags." + e.getKey() + " must be a non-empty key with a string value");
                    } else {
                        tags.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        Duration timeout = Duration.ofSeconds(whole(node, "checkTimeoutSeconds", DEFAULTS.checkTimeout.toSeconds(), 5,
                600, problems));
        return new Targets(rpo, retention, snapshotAge, dr, rto, grace, tags, timeout);
    }

    private static long whole(JsonNode node, String field, long fallback, long min, long max, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add("targets." + field + " must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return value.asLong();
    }
}
