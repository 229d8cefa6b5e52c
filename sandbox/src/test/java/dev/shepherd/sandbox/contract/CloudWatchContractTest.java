package dev.shepherd.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch {@code DescribeAlarms} on the wire versus {@code FakeCloudWatch}. SDK 2.40.2 still speaks the
 * AWS query protocol to CloudWatch (form-encoded {@code Action=DescribeAlarms&Version=2010-08-01}, XML answers),
 * which the request assertions pin down.
 */
class CloudWatchContractTest extends ContractTest {
    static final String NS = "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"";

    CloudWatchClient fake;
    CloudWatchClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("{\"cloudwatch\": {\"metricAlarms\": [{\"AlarmName\": \"a\", \"StateValue\": \"OK\"}]}}"))
                .client(CloudWatchClient.class);
        real = real(CloudWatchClient.class);
    }

    static String response(String result) {
        return "<DescribeAlarmsResponse " + NS + "><DescribeAlarmsResult>" + result
                + "</DescribeAlarmsResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeAlarmsResponse>";
    }

    @Test
    void describeAlarms() {
        wire.stubFor(queryCall("DescribeAlarms").willReturn(xml(response("""
                <MetricAlarms><member><AlarmName>orders-green-5xx</AlarmName><StateValue>ALARM</StateValue>
                  <StateReason>Threshold Crossed</StateReason><MetricName>HTTPCode_Target_5XX_Count</MetricName>
                  <Namespace>AWS/ApplicationELB</Namespace><Threshold>5.0</Threshold>
                  <Dimensions><member><Name>TargetGroup</Name><Value>targetgroup/orders-tg-2/2222</Value></member></Dimensions>
                  <StateUpdatedTimestamp>2026-11-26T10:00:00.000Z</StateUpdatedTimestamp></member></MetricAlarms>
                <CompositeAlarms><member><AlarmName>orders-health</AlarmName><StateValue>OK</StateValue>
                  <AlarmRule>ALARM(orders-green-5xx)</AlarmRule></member></CompositeAlarms>"""))));

        var response = real.describeAlarms(r -> r.alarmNames("orders-green-5xx", "orders-health")
                .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));

        assertThat(response.metricAlarms()).singleElement().satisfies(a -> {
            assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(a.threshold()).isEqualTo(5.0);
            assertThat(a.dimensions().getFirst().value()).isEqualTo("targetgroup/orders-tg-2/2222");
        });
        assertThat(response.compositeAlarms()).singleElement().satisfies(a -> assertThat(a.stateValue()).isEqualTo(StateValue.OK));
        assertThat(onlyRequest().getBodyAsString()).contains("Action=DescribeAlarms", "Version=2010-08-01",
                "AlarmNames.member.1=orders-green-5xx", "AlarmNames.member.2=orders-health",
                "AlarmTypes.member.1=MetricAlarm", "AlarmTypes.member.2=CompositeAlarm");
        assertThat(journal.calls("cloudwatch", "DescribeAlarms")).hasSize(1);
    }

    @Test
    void describeAlarmsErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.describeAlarms(r -> r.alarmNames("a"));
        assertWireErrorLikeFake(queryCall("DescribeAlarms"), true,
                () -> fake.describeAlarms(r -> r.alarmNames("a").alarmNamePrefix("a")), realCall);
        assertWireErrorLikeFake(queryCall("DescribeAlarms"), true,
                () -> fake.describeAlarms(r -> r.nextToken("bogus")), realCall);
        assertWireErrorLikeFake(queryCall("DescribeAlarms"), true,
                () -> fake.describeAlarms(r -> r.maxRecords(500)), realCall);
    }

    @Test
    void setAlarmState() {
        wire.stubFor(queryCall("SetAlarmState").willReturn(xml("<SetAlarmStateResponse " + NS
                + "><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></SetAlarmStateResponse>")));

        real.setAlarmState(r -> r.alarmName("a").stateValue(StateValue.ALARM).stateReason("drill"));

        assertThat(onlyRequest().getBodyAsString()).contains("Action=SetAlarmState", "AlarmName=a", "StateValue=ALARM",
                "StateReason=drill");
        // CloudWatch's wire code for an unknown alarm is ResourceNotFound; the SDK maps it to DashboardNotFoundErrorException
        assertWireErrorLikeFake(queryCall("SetAlarmState"), true,
                () -> fake.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK).stateReason("x")),
                () -> real.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK).stateReason("x")));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> queryCall("DescribeAlarms"), List.of(
                queryError(400, "Throttling", "Rate exceeded"), xml(response("<MetricAlarms/>"))));

        assertThat(real.describeAlarms(r -> r.alarmNames("x")).metricAlarms()).isEmpty();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> queryCall("DescribeAlarms"), List.of(
                queryError(500, "InternalServiceError", "internal"), xml(response("<MetricAlarms/>"))));

        assertThat(real.describeAlarms(r -> r.alarmNames("x")).metricAlarms()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}
