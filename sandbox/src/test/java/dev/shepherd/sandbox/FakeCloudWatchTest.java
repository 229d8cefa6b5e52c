package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

class FakeCloudWatchTest {
    static final String SCENARIO = """
            {"cloudwatch": {
              "metricAlarms": [
                {"AlarmName": "orders-green-5xx", "StateValue": "ALARM", "StateReason": "Threshold Crossed",
                 "MetricName": "HTTPCode_Target_5XX_Count", "Namespace": "AWS/ApplicationELB", "Statistic": "Sum",
                 "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/orders-tg-2/2222"}],
                 "Period": 60, "EvaluationPeriods": 1, "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold",
                 "StateUpdatedTimestamp": "2026-11-26T10:00:00Z"},
                {"AlarmName": "orders-latency", "StateValue": "OK"},
                {"AlarmName": "orders-new", "StateValue": "INSUFFICIENT_DATA"}],
              "compositeAlarms": [{"AlarmName": "orders-health", "StateValue": "OK",
                                   "AlarmRule": "ALARM(orders-green-5xx) OR ALARM(orders-latency)"}]
            }}""";

    Sandbox sandbox;
    CloudWatchClient cloudWatch;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        cloudWatch = sandbox.client(CloudWatchClient.class);
    }

    @Test
    void namedAlarmsWithTheirStatesUnknownNamesAbsent() {
        var response = cloudWatch.describeAlarms(r -> r.alarmNames("orders-latency", "orders-green-5xx", "no-such-alarm"));
        assertThat(response.metricAlarms()).extracting(MetricAlarm::alarmName, MetricAlarm::stateValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders-green-5xx", StateValue.ALARM),
                org.assertj.core.groups.Tuple.tuple("orders-latency", StateValue.OK));
        MetricAlarm fiveXx = response.metricAlarms().getFirst();
        assertThat(fiveXx.dimensions().getFirst().value()).isEqualTo("targetgroup/orders-tg-2/2222");
        assertThat(fiveXx.threshold()).isEqualTo(5.0);
        assertThat(response.compositeAlarms()).isEmpty();
        assertThat(sandbox.journal().calls("cloudwatch", "DescribeAlarms")).singleElement()
                .satisfies(c -> assertThat(c.request().get("AlarmNames")).hasSize(3));
    }

    @Test
    void compositeAlarmsOnlyWhenAskedFor() {
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("orders-health")).compositeAlarms()).isEmpty();
        var both = cloudWatch.describeAlarms(r -> r.alarmNames("orders-health", "orders-new")
                .alarmTypes(AlarmType.COMPOSITE_ALARM, AlarmType.METRIC_ALARM));
        assertThat(both.compositeAlarms()).singleElement().satisfies(a -> assertThat(a.alarmRule()).contains("orders-latency"));
        assertThat(both.metricAlarms()).singleElement().satisfies(a -> assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA));
    }

    @Test
    void prefixStateFilterAndParameterRules() {
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("orders-").stateValue(StateValue.OK)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("orders-latency");
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("a").alarmNamePrefix("o")))
                .isInstanceOf(InvalidParameterCombinationException.class);
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "alarm-" + i).toList();
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames(tooMany)))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.nextToken("garbage")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void pagesWithMaxRecordsAndNextToken() {
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            var page = cloudWatch.describeAlarms(r -> r.maxRecords(2).nextToken(t));
            page.metricAlarms().forEach(a -> names.add(a.alarmName()));
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(names).containsExactly("orders-green-5xx", "orders-latency", "orders-new");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void setAlarmStateFlipsAnExistingAlarmOnly() {
        cloudWatch.setAlarmState(r -> r.alarmName("orders-latency").stateValue(StateValue.ALARM).stateReason("test"));
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("orders-latency")).metricAlarms().getFirst().stateValue())
                .isEqualTo(StateValue.ALARM);
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK).stateReason("x")))
                .isInstanceOf(DashboardNotFoundErrorException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void seededStatesAreValidated() {
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"cloudwatch": {"metricAlarms": [{"AlarmName": "x", "StateValue": "RED"}]}}""")))
                .hasMessageContaining("cloudwatch.metricAlarms[0]").hasMessageContaining("StateValue");
    }
}
