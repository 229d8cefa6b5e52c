package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch metric alarms: {@code FakeCloudWatch} seeded from a scenario versus moto seeded with
 * {@code PutMetricAlarm} + {@code SetAlarmState}. Not compared, because moto differs from AWS there:
 * composite alarms (moto does not return them), the initial state of a new alarm (moto: OK, AWS:
 * INSUFFICIENT_DATA; the test sets every state), and the AlarmNames/AlarmNamePrefix conflict (moto accepts it).
 */
class CloudWatchMotoParityTest extends MotoParityTest {
    CloudWatchClient fake;
    CloudWatchClient real;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("monitoring", "application/x-www-form-urlencoded", null, "Action=DescribeAlarms&Version=2010-08-01");
    }

    @BeforeEach
    void seed() {
        fake = new Sandbox().load(Json.parse("""
                {"cloudwatch": {"metricAlarms": [
                  {"AlarmName": "orders-5xx", "StateValue": "ALARM", "MetricName": "HTTPCode_Target_5XX_Count",
                   "Namespace": "AWS/ApplicationELB", "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
                   "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold"},
                  {"AlarmName": "orders-latency", "StateValue": "OK", "MetricName": "TargetResponseTime",
                   "Namespace": "AWS/ApplicationELB", "Statistic": "Average", "Period": 60, "EvaluationPeriods": 1,
                   "Threshold": 1.0, "ComparisonOperator": "GreaterThanThreshold"},
                  {"AlarmName": "payments-errors", "StateValue": "INSUFFICIENT_DATA", "MetricName": "Errors",
                   "Namespace": "AWS/Lambda", "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
                   "Threshold": 1.0, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}]}}""")).client(CloudWatchClient.class);
        real = onMoto(CloudWatchClient.class);
        alarm("orders-5xx", "HTTPCode_Target_5XX_Count", "AWS/ApplicationELB", Statistic.SUM, 5.0,
                ComparisonOperator.GREATER_THAN_THRESHOLD, StateValue.ALARM);
        alarm("orders-latency", "TargetResponseTime", "AWS/ApplicationELB", Statistic.AVERAGE, 1.0,
                ComparisonOperator.GREATER_THAN_THRESHOLD, StateValue.OK);
        alarm("payments-errors", "Errors", "AWS/Lambda", Statistic.SUM, 1.0,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, StateValue.INSUFFICIENT_DATA);
    }

    private void alarm(String name, String metric, String namespace, Statistic statistic, double threshold,
            ComparisonOperator operator, StateValue state) {
        real.putMetricAlarm(r -> r.alarmName(name).metricName(metric).namespace(namespace).statistic(statistic).period(60)
                .evaluationPeriods(1).threshold(threshold).comparisonOperator(operator));
        real.setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason("seeded by the parity test"));
    }

    static List<List<Object>> alarms(DescribeAlarmsResponse response) {
        return response.metricAlarms().stream().map(a -> List.<Object>of(a.alarmName(), a.stateValueAsString(),
                a.metricName(), a.namespace(), a.threshold(), a.comparisonOperatorAsString())).toList();
    }

    @Test
    void namedAlarmsWithUnknownNamesLeftOut() {
        var answer = sameAnswer(fake, real, c -> alarms(c.describeAlarms(r -> r.alarmNames("orders-latency", "nope", "orders-5xx"))));
        assertThat(answer).extracting(a -> a.get(0)).containsExactly("orders-5xx", "orders-latency");
    }

    @Test
    void stateAndPrefixFilters() {
        for (StateValue state : List.of(StateValue.OK, StateValue.ALARM, StateValue.INSUFFICIENT_DATA)) {
            List<List<Object>> inState = sameAnswer(fake, real, c -> alarms(c.describeAlarms(r -> r.stateValue(state))));
            assertThat(inState).hasSize(1);
        }
        List<List<Object>> prefixed = sameAnswer(fake, real, c -> alarms(c.describeAlarms(r -> r.alarmNamePrefix("orders-"))));
        assertThat(prefixed).hasSize(2);
        List<List<Object>> all = sameAnswer(fake, real, c -> alarms(c.describeAlarms(r -> { })));
        assertThat(all).hasSize(3);
    }

    @Test
    void setAlarmStateOnAnExistingAndAnUnknownAlarm() {
        sameAnswer(fake, real, c -> {
            c.setAlarmState(r -> r.alarmName("orders-latency").stateValue(StateValue.ALARM).stateReason("flip"));
            return alarms(c.describeAlarms(r -> r.stateValue(StateValue.ALARM)));
        });
        sameError(fake, real, c -> c.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK).stateReason("x")));
    }
}
