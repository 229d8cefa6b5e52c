package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.budget.AlertLedger.Claim;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import dev.shepherd.core.MutableClock;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.sandbox.moto.MotoSdk;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The alert ledger's claims (budget guard section 7, case 7 and 9) through a real SDK client, against the sandbox
 * fake and against moto_server: both must agree on every outcome.
 */
class AlertLedgerTest {
    static final String TABLE = "shepherd-dev-budget-alerts";
    static final Instant T0 = Instant.parse("2026-12-14T09:00:00Z");
    static final AlertKeys.Key KEY = new AlertKeys.Key("budget#111122223333#dev-monthly#ACTUAL#1000 USD#MONTHLY#2026-12",
            Duration.ofDays(33));

    static MotoSdk moto;

    final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoSdk.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    AlertLedger ledger(String which) throws Exception {
        DynamoDbClient dynamo;
        if (which.equals("fake")) {
            dynamo = new Sandbox().load(Json.parse("{\"dynamodb\": {\"tables\": [{\"name\": \"" + TABLE
                    + "\", \"key\": \"pk\"}]}}")).client(DynamoDbClient.class);
        } else {
            moto.server().raw("dynamodb", "POST", "/", "DynamoDB_20120810.CreateTable", """
                    {"TableName": "%s", "BillingMode": "PAY_PER_REQUEST",
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}""".formatted(TABLE));
            dynamo = new Platform(Map.of("AWS_REGION", "eu-west-1"), new AwsClients(Map.of("AWS_REGION", "eu-west-1"),
                    CallJournal.recording()), clock).client(DynamoDbClient.class);
        }
        return new AlertLedger(dynamo, TABLE, Duration.ofMinutes(3), clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void duplicateDeliveryIsOneClaimBeforeAndAfterItIsDone(String which) throws Exception {
        AlertLedger ledger = ledger(which);

        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.NEW);
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.DUPLICATE);
        ledger.done(KEY);
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.DUPLICATE);
        clock.set(T0.plus(Duration.ofDays(1)));
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.DUPLICATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void aClaimLeftByAnInstanceThatDiedIsTakenOverAfterItsLease(String which) throws Exception {
        AlertLedger ledger = ledger(which);
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.NEW);

        clock.set(T0.plus(Duration.ofMinutes(2)));
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.DUPLICATE);
        clock.set(T0.plus(Duration.ofMinutes(4)));
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.NEW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void aReleasedClaimIsHandledAgainByTheRetry(String which) throws Exception {
        AlertLedger ledger = ledger(which);
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.NEW);

        ledger.release(KEY);

        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.NEW);
        ledger.done(KEY);
        ledger.release(KEY);
        assertThat(ledger.claim(KEY, null)).isEqualTo(Claim.DUPLICATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void sameAnomalyIdWithALargerTotalImpactIsClaimedAgainAsGrown(String which) throws Exception {
        AlertLedger ledger = ledger(which);
        AlertKeys.Key anomaly = new AlertKeys.Key("anomaly#111122223333#0f9e8d7c", Duration.ofDays(90));

        assertThat(ledger.claim(anomaly, new BigDecimal("410.75"))).isEqualTo(Claim.NEW);
        assertThat(ledger.claim(anomaly, new BigDecimal("520.00"))).as("still being handled").isEqualTo(Claim.DUPLICATE);
        ledger.done(anomaly);
        assertThat(ledger.claim(anomaly, new BigDecimal("410.75"))).isEqualTo(Claim.DUPLICATE);
        assertThat(ledger.claim(anomaly, new BigDecimal("300"))).isEqualTo(Claim.DUPLICATE);
        assertThat(ledger.claim(anomaly, new BigDecimal("520.00"))).isEqualTo(Claim.GREW);
        ledger.done(anomaly);
        assertThat(ledger.claim(anomaly, new BigDecimal("520.0"))).isEqualTo(Claim.DUPLICATE);
    }

    /**
     * Fake only: moto_server evaluates a conditional PutItem without serialising concurrent writers, so two claims can
     * both see an absent item (CI saw two NEW once). DynamoDB and the fake apply each conditional write atomically; the
     * sequential conditional-claim cases above still run against moto.
     */
    @Test
    void concurrentInstancesClaimAnAlertExactlyOnce() throws Exception {
        AlertLedger ledger = ledger("fake");
        List<Future<Claim>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                claims.add(pool.submit((Callable<Claim>) () -> ledger.claim(KEY, null)));
            }
        }
        List<Claim> got = new ArrayList<>();
        for (Future<Claim> f : claims) {
            got.add(f.get());
        }
        assertThat(got).containsOnlyOnce(Claim.NEW).hasSize(16);
    }
}
