package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import dev.shepherd.core.notify.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The self-scheduled events: whoever can invoke the function can send one, so only exact ones pass. */
class EscalationEventTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx";
    static final String ID = IncidentIds.incidentId(ARN, Instant.parse("2025-06-18T09:41:07.318Z"));

    @Test
    void bothKindsRoundTrip() {
        var escalate = new EscalationEvent.Escalate(ARN, ID, 2, Severity.HIGH);
        var rollup = new EscalationEvent.Rollup(ARN, Severity.HIGH);

        assertThat(EscalationEvent.parse(Json.parse(escalate.toJson()))).isEqualTo(escalate);
        assertThat(EscalationEvent.parse(Json.parse(rollup.toJson()))).isEqualTo(rollup);
        assertThat(Json.parse(escalate.toJson()).toString()).isEqualTo("{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\""
                + ARN + "\",\"incidentId\":\"" + ID + "\",\"step\":2,\"severity\":\"high\"}");
        assertThat(ID).matches("i-[0-9a-f]{16}-1750239667318");
    }

    @Test
    void onlyMarkedObjectsAreOurs() {
        assertThat(EscalationEvent.marked(Json.parse("{\"shepherd\":\"alarm-rollup\"}"))).isTrue();
        assertThat(EscalationEvent.marked(Json.parse("{\"source\":\"aws.cloudwatch\"}"))).isFalse();
        assertThat(EscalationEvent.marked(Json.parse("[1]"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":1,\"stop\":true,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":\"1\",\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":1.5,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":0,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":21,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":4294967297,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"i-0000000000000000-1\",\"step\":1,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":7,\"step\":1,\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"arn:aws:sns:eu-west-1:111122223333:alarm:x\",\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a\\nb\",\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"severity\":\"high\"}",
            "{\"shepherd\":\"alarm-stop\",\"alarmArn\":\"%ARN\"}",
            "{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"%ARN\"}",
            "{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"%ARN\",\"severity\":\"urgent\"}",
            "{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"%ARN\",\"incidentId\":\"%ID\",\"step\":1,\"severity\":2}",
            "{\"shepherd\":1,\"alarmArn\":\"%ARN\"}",
            "{\"alarmArn\":\"%ARN\"}"})
    void anythingElseIsRefusedWithoutQuotingIt(String template) {
        String text = template.replace("%ARN", ARN).replace("%ID", ID);

        assertThatThrownBy(() -> EscalationEvent.parse(Json.parse(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("escalation event: ")
                .hasMessageNotContaining("orders-5xx").hasMessageNotContaining("111122223333");
    }

    @Test
    void aDuplicateKeyNeverReachesTheParser() {
        assertThatThrownBy(() -> Json.parse("{\"shepherd\":\"alarm-rollup\",\"alarmArn\":\"" + ARN
                + "\",\"alarmArn\":\"" + ARN + "\"}")).hasMessageContaining("Duplicate field 'alarmArn'");
    }
}
