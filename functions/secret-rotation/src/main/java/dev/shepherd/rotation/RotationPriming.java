package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;

/**
 * Rotation's canned hot path for SnapStart priming ({@link Priming}): the event, a database secret's shape holding
 * placeholders, and the Secrets Manager and RDS calls of a rotation marshalled, signed and answered offline, so no
 * secret is read and nothing is written. Everything it builds is thrown away.
 */
final class RotationPriming implements Runnable {
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:priming-AbCdEf";
    private static final String TOKEN = "priming";

    private final String region;

    RotationPriming(Platform platform) {
        this.region = platform.env("AWS_REGION");
    }

    @Override
    public void run() {
        RotationRequest request = RotationRequest.parse(Json.write(JsonNodeFactory.instance.objectNode()
                .put("Step", "createSecret").put("SecretId", SECRET).put("ClientRequestToken", TOKEN))
                .getBytes(StandardCharsets.UTF_8));
        String shape = Json.write(JsonNodeFactory.instance.objectNode().put("engine", "postgres")
                .put("host", "priming.example.com").put("port", 5432).put("dbname", "priming")
                .put("username", "priming").put("password", "placeholder").put("masterarn", SECRET));
        DatabaseSecret.isDatabaseSecret(shape, "the priming shape");
        DatabaseSecret.parse(shape, "the priming shape");
        // One body answers every operation: each reads its own members and ignores the others.
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("ARN", SECRET).put("Name", "priming")
                .put("VersionId", TOKEN).put("SecretString", shape).put("RandomPassword", "placeholder");
        answer.putObject("VersionIdsToStages").putArray(TOKEN).add(SecretStore.CURRENT);
        try (SecretsManagerClient secrets = Priming.offline(SecretsManagerClient.builder(), region,
                "application/x-amz-json-1.1", Json.write(answer));
                RdsClient rds = Priming.offline(RdsClient.builder(), region, "text/xml",
                        "<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances/>"
                                + "</DescribeDBInstancesResult></DescribeDBInstancesResponse>")) {
            SecretStore store = new SecretStore(secrets, Deadline.of(Clock.systemUTC(), 60_000, Duration.ofSeconds(2)));
            SecretStore.versionWith(store.describe(request.secretId()), SecretStore.CURRENT);
            store.current(request.secretId());
            store.randomPassword(GetRandomPasswordRequest.builder().passwordLength(32L).build());
            // Marshalled and answered in memory like every offline call: nothing reaches Secrets Manager.
            store.putPending(request.secretId(), request.token(), shape, Optional.empty());
            store.promote(request.secretId(), request.token(), Optional.of(TOKEN));
            rds.describeDBInstances(r -> r.dbInstanceIdentifier("priming"));
        }
    }
}
