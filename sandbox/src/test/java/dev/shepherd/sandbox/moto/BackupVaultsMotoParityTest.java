package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;

/**
 * AWS Backup vaults, the one part of the compliance reads moto 5.2.1 implements: {@code ListBackupVaults} in the home
 * Region and in Tokyo. Compared: names, ARNs (with their Region), encryption key, lock. Not compared: moto leaves out
 * {@code VaultType} and {@code VaultState}, always counts 0 recovery points and does not page; recovery points, copy
 * and restore jobs and protected resources are not in moto at all (HTTP 404), so their contract is WireMock's
 * ({@code BackupContractTest}).
 */
class BackupVaultsMotoParityTest extends MotoParityTest {
    static final String KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/9f8e7d6c-0000-4000-8000-00000000bbbb";
    Sandbox sandbox;

    @BeforeEach
    void seed() {
        onMoto(BackupClient.class).createBackupVault(r -> r.backupVaultName("primary"));
        onMoto(BackupClient.class, "ap-northeast-1").createBackupVault(r -> r.backupVaultName("dr-tokyo").encryptionKeyArn(KEY));
        sandbox = new Sandbox().load(Json.parse("""
                {"backup": {"vaults": [{"BackupVaultName": "primary"}],
                            "regions": {"ap-northeast-1": {"vaults": [{"BackupVaultName": "dr-tokyo", "EncryptionKeyArn": "%s"}]}}}}
                """.formatted(KEY)));
    }

    static List<Object> essentials(BackupVaultListMember v) {
        return java.util.Arrays.asList(v.backupVaultName(), v.backupVaultArn(), v.encryptionKeyArn(), v.locked());
    }

    @Test
    void eachRegionListsItsOwnVaults() {
        var tokyo = sameAnswer(sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1), onMoto(BackupClient.class, "ap-northeast-1"),
                c -> c.listBackupVaults(r -> { }).backupVaultList().stream().map(BackupVaultsMotoParityTest::essentials).toList());
        assertThat(tokyo).singleElement().satisfies(v -> assertThat(v.get(1)).isEqualTo(
                "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:dr-tokyo"));
        var home = sameAnswer(sandbox.client(BackupClient.class), onMoto(BackupClient.class),
                c -> c.listBackupVaults(r -> { }).backupVaultList().stream().map(BackupVaultsMotoParityTest::essentials).toList());
        assertThat(home).singleElement().satisfies(v -> assertThat(v.getFirst()).isEqualTo("primary"));
    }
}
