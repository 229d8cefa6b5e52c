package dev.shepherd.compliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * What the rotation check reads of a secret, the same from a ListSecrets entry and from DescribeSecret (which names
 * the version map differently): metadata only, never a value.
 *
 * @param rotationEnabled null when rotation was never configured
 * @param lastRotated     the last successful rotation; null when it never rotated
 * @param stages          version id to staging labels, labelled versions only
 * @param owningService   the service managing the secret (RDS for a managed master password), or null
 * @param deleted         when deletion was scheduled, or null
 */
record SecretState(String name, String arn, Boolean rotationEnabled, RotationRulesType rules, Instant lastRotated,
        Instant nextRotation, Instant created, Map<String, List<String>> stages, String owningService,
        Map<String, String> tags, Instant deleted) {
    static final String CURRENT = "AWSCURRENT";
    static final String PENDING = "AWSPENDING";

    static SecretState of(SecretListEntry e) {
        return new SecretState(e.name(), e.arn(), e.rotationEnabled(), e.rotationRules(), e.lastRotatedDate(),
                e.nextRotationDate(), e.createdDate(), e.secretVersionsToStages(), e.owningService(), tags(e.tags()),
                e.deletedDate());
    }

    static SecretState of(DescribeSecretResponse d) {
        return new SecretState(d.name(), d.arn(), d.rotationEnabled(), d.rotationRules(), d.lastRotatedDate(),
                d.nextRotationDate(), d.createdDate(), d.versionIdsToStages(), d.owningService(), tags(d.tags()),
                d.deletedDate());
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    /** The version holding {@code stage}, if any. */
    Optional<String> versionWith(String stage) {
        return stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst();
    }
}
