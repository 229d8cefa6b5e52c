package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.alarm.AlarmChange.Path;
import dev.shepherd.alarm.AlarmChange.Value;
import dev.shepherd.alarm.Decision.Incident;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Config;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeScheduler;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.sandbox.moto.MotoSdk;
import dev.shepherd.sandbox.moto.MotoServer;
import dev.shepherd.core.notify.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The ledger's decisions for the alarm-responder edge cases (reference section 7, cases 1-4 and 16), each run
 * against the sandbox fake and against moto_server, through real SDK clients; the caller's part (schedule a flush,
 * fire it, escalate, cancel) is played by the test with {@link Escalations}.
 */
class IncidentLedgerTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx";
    static final String TABLE = "shepherd-incidents";
    static final String GROUP = "shepherd-dev";
    static final Instant T0 = Instant.parse("2025-06-18T09:41:07.318Z");
    static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1", "INCIDENT_TABLE", TABLE,
            "SCHEDULE_GROUP", GROUP, "SCHEDULER_ROLE_ARN", "arn:aws:iam::111122223333:role/shepherd-scheduler",
            "SELF_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-alarm-responder");

    static MotoSdk moto;
    /** The moto_server of the current moto test, reset for it. */
    static MotoServer server;

    /** One store: the ledger and escalations on it, and the test's view of pending schedules. */
    record Backend(IncidentLedger ledger, Escalations escalations, Supplier<List<String>> pending,
            Function<String, String> fire) {
    }

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoSdk.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    static Backend backend(String which) throws Exception {
        if (which.equals("fake")) {
            Sandbox sandbox = new Sandbox().load(Json.parse("""
                    {"dynamodb": {"tables": [{"name": "shepherd-incidents", "key": "pk"}]},
                     "scheduler": {"groups": ["shepherd-dev"]}}"""));
            FakeScheduler scheduler = sandbox.fake(FakeScheduler.class);
            return on(sandbox, () -> scheduler.pending().stream().map(FakeScheduler.Pending::name).toList(),
                    name -> scheduler.fire(GROUP, name));
        }
        server = moto.server();
        server.raw("dynamodb", "POST", "/", "DynamoDB_20120810.CreateTable", """
                {"TableName": "shepherd-incidents", "BillingMode": "PAY_PER_REQUEST",
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}""");
        server.raw("scheduler", "POST", "/schedule-groups/" + GROUP, null, "{}");
        return on(new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.recording()), IncidentLedgerTest::motoPending,
                IncidentLedgerTest::motoFire);
    }

    private static Backend on(ClientSource clients, Supplier<List<String>> pending, Function<String, String> fire) {
        Platform platform = new Platform(ENV, clients, Clock.fixed(T0, ZoneOffset.UTC));
        Config config = new Config(platform);
        var ledgerSettings = IncidentLedger.Settings.read(config);
        var escalationSettings = Escalations.Settings.read(config);
        config.validate();
        return new Backend(new IncidentLedger(platform.client(DynamoDbClient.class), ledgerSettings),
                new Escalations(platform.client(SchedulerClient.class), escalationSettings), pending, fire);
    }

    private static List<String> motoPending() {
        try {
            List<String> names = new ArrayList<>();
            Json.parse(server.raw("scheduler", "GET", "/schedules?ScheduleGroup=" + GROUP, null, ""))
                    .path("Schedules").forEach(s -> names.add(s.path("Name").asText()));
            return names;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moto runs nothing: read the schedule's Input, then delete it as ActionAfterCompletion DELETE would. */
    private static String motoFire(String name) {
        try {
            String path = "/schedules/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "?groupName=" + GROUP;
            JsonNode schedule = Json.parse(server.raw("scheduler", "GET", path, null, ""));
            assertThat(schedule.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
            server.raw("scheduler", "DELETE", path, null, "");
            return schedule.at("/Target/Input").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AlarmChange change(Path path, String deliveryId, Value from, Value to, Instant at) {
        return new AlarmChange(path, deliveryId, "111122223333", "eu-west-1", ARN, "orders-5xx",
                AlarmChange.Kind.METRIC, new AlarmChange.State(to, "Threshold Crossed", null, at),
                new AlarmChange.State(from, "before", null, at == null ? null : at.minusSeconds(300)), "5xx on orders", Map.of(), null,
                null, List.of(), null, List.of(), null);
    }

    static AlarmChange change(Value from, Value to, Instant at) {
        return change(Path.EVENTBRIDGE, "e-" + at.toEpochMilli(), from, to, at);
    }

    static String incident(Instant openedAt) {
        return IncidentIds.incidentId(ARN, openedAt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void okToAlarmNotifiesAndOpens(String store) throws Exception {
        Backend b = backend(store);

        assertThat(b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1)))
                .isEqualTo(new Decision.Notify(Incident.OPENED, 0, incident(T0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void alarmToOkResolves(String store) throws Exception {
        Backend b = backend(store);
        b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1));
        Instant ok = T0.plus(Duration.ofMinutes(20));

        assertThat(b.ledger().record(change(Value.ALARM, Value.OK, ok), ok.plusSeconds(1)))
                .isEqualTo(new Decision.Notify(Incident.RESOLVED, 0, incident(T0)));
        Instant again = ok.plus(Duration.ofMinutes(20));
        assertThat(b.ledger().record(change(Value.OK, Value.ALARM, again), again.plusSeconds(1)))
                .as("the next ALARM opens a new incident").isEqualTo(new Decision.Notify(Incident.OPENED, 0, incident(again)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void alarmToInsufficientDataKeepsOpen(String store) throws Exception {
        Backend b = backend(store);
        b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1));
        Instant missing = T0.plus(Duration.ofMinutes(20));

        assertThat(b.ledger().record(change(Value.ALARM, Value.INSUFFICIENT_DATA, missing), missing.plusSeconds(1)))
                .isEqualTo(new Decision.Notify(Incident.ONGOING, 0, incident(T0)));
        assertThat(b.ledger().claimEscalation(ARN, incident(T0), 1)).as("still open, so it still escalates").isTrue();
        Instant ok = missing.plus(Duration.ofMinutes(20));
        assertThat(b.ledger().record(change(Value.INSUFFICIENT_DATA, Value.OK, ok), ok.plusSeconds(1)))
                .as("an OK after it resolves the same incident, not silently")
                .isEqualTo(new Decision.Notify(Incident.RESOLVED, 0, incident(T0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void insufficientDataToOkAtCreationIsSilent(String store) throws Exception {
        Backend b = backend(store);

        assertThat(b.ledger().record(change(Value.INSUFFICIENT_DATA, Value.OK, T0), T0.plusSeconds(1)))
                .isEqualTo(new Decision.Silent());
        Instant alarm = T0.plusSeconds(60);
        assertThat(b.ledger().record(change(Value.OK, Value.ALARM, alarm), alarm.plusSeconds(1)))
                .as("silence claims no notice slot: the first real ALARM notifies at once")
                .isEqualTo(new Decision.Notify(Incident.OPENED, 0, incident(alarm)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void sameTransitionTwiceNotifiesOnce(String store) throws Exception {
        Backend b = backend(store);
        AlarmChange bySns = change(Path.SNS, "c41e9a27-6b0d-5f3e-9a18-7e2d4c6b8f90", Value.OK, Value.ALARM, T0);
        AlarmChange snsRedelivered = change(Path.SNS, "c41e9a27-6b0d-5f3e-9a18-7e2d4c6b8f90", Value.OK, Value.ALARM, T0);
        // EventBridge says 2025-06-18T09:41:07.318+0000 where SNS says ...Z: the parsers normalise both to one instant
        AlarmChange byEventBridge = change(Path.EVENTBRIDGE, "5f2b7e40-0b1c-4a4b-9d7e-2a6f0c3e1d55", Value.OK,
                Value.ALARM, Instant.parse("2025-06-18T09:41:07.318+00:00"));

        List<Decision> decisions = List.of(b.ledger().record(bySns, T0.plusSeconds(1)),
                b.ledger().record(snsRedelivered, T0.plusSeconds(2)),
                b.ledger().record(byEventBridge, T0.plusSeconds(3)),
                b.ledger().record(bySns, T0.plus(Duration.ofHours(5))));

        assertThat(decisions).containsExactly(new Decision.Notify(Incident.OPENED, 0, incident(T0)),
                new Decision.Duplicate(), new Decision.Duplicate(), new Decision.Duplicate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void outOfOrderOkThenOlderAlarmIsStale(String store) throws Exception {
        Backend b = backend(store);
        Instant ok = T0.plusSeconds(60);

        assertThat(b.ledger().record(change(Value.ALARM, Value.OK, ok), ok.plusSeconds(1)))
                .isEqualTo(new Decision.Notify(Incident.NONE, 0, null));
        assertThat(b.ledger().record(change(Value.OK, Value.ALARM, T0), ok.plusSeconds(2)))
                .isEqualTo(new Decision.Stale(ok));
        assertThat(b.ledger().claimEscalation(ARN, incident(T0), 1)).as("the stale ALARM opened nothing").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void sixTransitionsInTenMinutesRollUpIntoOneNoticeAndOneFlush(String store) throws Exception {
        Backend b = backend(store);
        Instant flushAt = T0.plusSeconds(1).plus(IncidentLedger.DEFAULT_FLAP_WINDOW);
        List<Decision> decisions = new ArrayList<>();
        int flushesScheduled = 0;
        Value from = Value.OK;
        for (int i = 0; i < 6; i++) {
            Value to = from == Value.OK ? Value.ALARM : Value.OK;
            Instant at = T0.plus(Duration.ofMinutes(i));
            Decision d = b.ledger().record(change(from, to, at), at.plusSeconds(1));
            decisions.add(d);
            if (d instanceof Decision.RolledUp rolled && b.escalations().scheduleFlush(ARN, Severity.HIGH, rolled.flushAt())) {
                flushesScheduled++;
            }
            from = to;
        }

        assertThat(decisions.getFirst()).isEqualTo(new Decision.Notify(Incident.OPENED, 0, incident(T0)));
        assertThat(decisions.subList(1, 6)).allSatisfy(d -> assertThat(d).isInstanceOf(Decision.RolledUp.class))
                .extracting(d -> ((Decision.RolledUp) d).pending()).containsExactly(1, 2, 3, 4, 5);
        assertThat(decisions.subList(1, 6)).extracting(d -> ((Decision.RolledUp) d).flushAt()).containsOnly(flushAt);
        assertThat(flushesScheduled).as("later scheduleFlush calls meet ConflictException: already scheduled").isOne();

        List<String> pending = b.pending().get();
        assertThat(pending).hasSize(1);
        EscalationEvent event = EscalationEvent.parse(Json.parse(b.fire().apply(pending.getFirst())));
        assertThat(event).isEqualTo(new EscalationEvent.Rollup(ARN, Severity.HIGH));

        assertThat(b.ledger().flushRollup(ARN, flushAt))
                .isEqualTo(new IncidentLedger.Flush(5, Value.OK, T0.plus(Duration.ofMinutes(5)), null));
        assertThat(b.ledger().flushRollup(ARN, flushAt.plusSeconds(1)).pending()).as("taken once").isFalse();
        assertThat(b.pending().get()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void escalationClaimedOncePerStep(String store) throws Exception {
        Backend b = backend(store);
        String id = ((Decision.Notify) b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1))).incidentId();
        Instant due = T0.plus(Duration.ofMinutes(15));

        assertThat(b.escalations().schedule(ARN, id, 1, Severity.HIGH, due)).isTrue();
        assertThat(b.escalations().schedule(ARN, id, 1, Severity.HIGH, due)).as("a retry: already scheduled").isFalse();
        EscalationEvent fired = EscalationEvent.parse(Json.parse(b.fire().apply(b.pending().get().getFirst())));
        assertThat(fired).isEqualTo(new EscalationEvent.Escalate(ARN, id, 1, Severity.HIGH));

        assertThat(b.ledger().claimEscalation(ARN, id, 1)).isTrue();
        assertThat(b.ledger().claimEscalation(ARN, id, 1)).as("the same step again").isFalse();
        assertThat(b.ledger().claimEscalation(ARN, id, 2)).isTrue();
        assertThat(b.ledger().claimEscalation(ARN, id, 1)).as("an earlier step after a later one").isFalse();
        assertThat(b.ledger().claimEscalation(ARN, incident(T0.minusSeconds(3600)), 3)).as("another incident").isFalse();
        assertThat(b.ledger().claimEscalation(ARN.replace("orders-5xx", "unknown"), id, 3)).as("no such alarm").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void escalationCancelledOnOk(String store) throws Exception {
        Backend b = backend(store);
        String id = ((Decision.Notify) b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1))).incidentId();
        b.escalations().schedule(ARN, id, 1, Severity.HIGH, T0.plus(Duration.ofMinutes(15)));
        b.escalations().schedule(ARN, id, 2, Severity.HIGH, T0.plus(Duration.ofMinutes(45)));
        b.escalations().scheduleFlush(ARN, Severity.HIGH, T0.plus(Duration.ofMinutes(10)));
        Instant ok = T0.plus(Duration.ofMinutes(12));

        Decision resolved = b.ledger().record(change(Value.ALARM, Value.OK, ok), ok.plusSeconds(1));

        assertThat(resolved).isEqualTo(new Decision.Notify(Incident.RESOLVED, 0, id));
        assertThat(b.escalations().cancel(ARN, id)).isEqualTo(2);
        assertThat(b.pending().get()).as("only the flush is left").singleElement().asString().startsWith("shepherd-flush-");
        assertThat(b.escalations().cancel(ARN, id)).as("cancelling again finds nothing").isZero();
        assertThat(b.ledger().claimEscalation(ARN, id, 1)).as("a step that fired anyway finds the incident closed").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void aNewIncidentEndsTheOldOnesEscalations(String store) throws Exception {
        Backend b = backend(store);
        b.ledger().record(change(Value.OK, Value.ALARM, T0), T0.plusSeconds(1));
        Instant ok = T0.plus(Duration.ofMinutes(20));
        b.ledger().record(change(Value.ALARM, Value.OK, ok), ok.plusSeconds(1));
        Instant second = ok.plus(Duration.ofMinutes(20));
        b.ledger().record(change(Value.OK, Value.ALARM, second), second.plusSeconds(1));

        assertThat(b.ledger().claimEscalation(ARN, incident(T0), 1)).isFalse();
        assertThat(b.ledger().claimEscalation(ARN, incident(second), 1)).as("steps start afresh").isTrue();
    }

    /** Real threads against the fake. Moto's server is not a reference for atomicity under concurrent requests. */
    @Test
    void twoThreadsRacingOnTheSameTransitionNotifyOnce() throws Exception {
        Backend b = backend("fake");
        List<Decision> sameTransition = race(b, i -> change(i % 2 == 0 ? Path.SNS : Path.EVENTBRIDGE, "d-" + i,
                Value.OK, Value.ALARM, T0));

        assertThat(sameTransition).filteredOn(Decision.Notify.class::isInstance).hasSize(1);
        assertThat(sameTransition).filteredOn(Decision.Duplicate.class::isInstance).hasSize(sameTransition.size() - 1);
    }

    @Test
    void racingDifferentTransitionsStillNotifyOnce() throws Exception {
        Backend b = backend("fake");
        List<Decision> flapping = race(b, i -> change(i % 2 == 0 ? Value.OK : Value.ALARM,
                i % 2 == 0 ? Value.ALARM : Value.OK, T0.plusSeconds(i)));

        assertThat(flapping).filteredOn(Decision.Notify.class::isInstance).hasSize(1);
        assertThat(flapping).allSatisfy(d -> assertThat(d).isInstanceOfAny(Decision.Notify.class,
                Decision.RolledUp.class, Decision.Stale.class));
        int rolledUp = (int) flapping.stream().filter(Decision.RolledUp.class::isInstance).count();
        assertThat(b.ledger().flushRollup(ARN, T0.plus(Duration.ofMinutes(11))).count()).isEqualTo(rolledUp);
    }

    private static List<Decision> race(Backend b, Function<Integer, AlarmChange> changes) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                AlarmChange c = changes.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return b.ledger().record(c, T0.plus(Duration.ofSeconds(30)));
                }));
            }
            start.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> f : futures) {
                decisions.add(f.get(10, TimeUnit.SECONDS));
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedChangeWriteReleasesTheTransitionSoTheRetryCounts() throws Exception {
        Sandbox sandbox = new Sandbox().load(Json.parse("""
                {"dynamodb": {"tables": [{"name": "shepherd-incidents", "key": "pk"}],
                              "faults": {"UpdateItem": ["ProvisionedThroughputExceededException"]}}}"""));
        IncidentLedger ledger = new IncidentLedger(sandbox.client(DynamoDbClient.class),
                new IncidentLedger.Settings(TABLE, IncidentLedger.DEFAULT_FLAP_WINDOW));
        AlarmChange alarm = change(Value.OK, Value.ALARM, T0);

        assertThatThrownBy(() -> ledger.record(alarm, T0.plusSeconds(1)))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(sandbox.journal().calls("dynamodb", "DeleteItem")).hasSize(1);
        assertThat(ledger.record(alarm, T0.plusSeconds(61))).isEqualTo(new Decision.Notify(Incident.OPENED, 0, incident(T0)));
    }

    @Test
    void aChangeWithoutAStateTimestampIsRefused() throws Exception {
        Backend b = backend("fake");
        assertThatThrownBy(() -> b.ledger().record(change(Path.SNS, "m-1", Value.OK, Value.ALARM, null), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no state timestamp");
    }
}
