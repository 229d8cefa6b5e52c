package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class AlarmsCheckTest {
    static final String ALARMS = """
            {"cloudwatch": {"metricAlarms": [
              {"AlarmName": "ok-alarm", "StateValue": "OK"},
              {"AlarmName": "firing", "StateValue": "ALARM"},
              {"AlarmName": "quiet", "StateValue": "INSUFFICIENT_DATA"}],
             "compositeAlarms": [{"AlarmName": "composite-ok", "StateValue": "OK"}]}}""";

    static CheckResult run(String scenario, String checkJson) throws CheckFailure {
        SandboxChecks s = new SandboxChecks(scenario);
        return new AlarmsCheck((CheckPlan.Alarms) SandboxChecks.spec(checkJson), s.platform.client(CloudWatchClient.class))
                .run(SandboxChecks.tenSeconds());
    }

    @Test
    void okMetricAndCompositeAlarmsPass() throws CheckFailure {
        assertThat(run(ALARMS, "{\"type\": \"alarms\", \"alarmNames\": [\"ok-alarm\", \"composite-ok\"]}").passed()).isTrue();
    }

    @Test
    void anAlarmInAlarmFails() {
        assertThatThrownBy(() -> run(ALARMS, "{\"type\": \"alarms\", \"alarmNames\": [\"ok-alarm\", \"firing\"]}"))
                .hasMessage("firing is ALARM");
    }

    @Test
    void insufficientDataFailsUnlessThePlanAllowsIt() throws CheckFailure {
        assertThatThrownBy(() -> run(ALARMS, "{\"type\": \"alarms\", \"alarmNames\": [\"quiet\"]}"))
                .hasMessageContaining("quiet is INSUFFICIENT_DATA (not allowed by the plan)");
        assertThat(run(ALARMS, "{\"type\": \"alarms\", \"alarmNames\": [\"quiet\"], \"allowInsufficientData\": true}")
                .passed()).isTrue();
    }

    @Test
    void aMissingAlarmFailsAsMissingConfiguration() {
        assertThatThrownBy(() -> run(ALARMS, "{\"type\": \"alarms\", \"alarmNames\": [\"ok-alarm\", \"no-such-alarm\"]}"))
                .hasMessage("no-such-alarm does not exist");
    }

    @Test
    void moreThanAHundredNamesAreAskedForInBatches() throws CheckFailure {
        String alarms = IntStream.range(0, 150).mapToObj(i -> "{\"AlarmName\": \"a-%03d\", \"StateValue\": \"OK\"}".formatted(i))
                .collect(Collectors.joining(","));
        String names = IntStream.range(0, 150).mapToObj(i -> "\"a-%03d\"".formatted(i)).collect(Collectors.joining(","));
        SandboxChecks s = new SandboxChecks("{\"cloudwatch\": {\"metricAlarms\": [" + alarms + "]}}");

        CheckResult result = new AlarmsCheck((CheckPlan.Alarms) SandboxChecks.spec(
                "{\"type\": \"alarms\", \"alarmNames\": [" + names + "]}"), s.platform.client(CloudWatchClient.class))
                .run(SandboxChecks.tenSeconds());

        assertThat(result.passed()).isTrue();
        assertThat(s.sandbox.journal().calls("cloudwatch", "DescribeAlarms")).hasSize(2)
                .allSatisfy(c -> assertThat(c.request().path("AlarmNames").size()).isLessThanOrEqualTo(100));
    }
}
