package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckPlanTest {
    @Test
    void everyCheckTypeParsesWithItsDefaults() {
        CheckPlan plan = CheckPlan.parse("""
                {"allowedHosts": ["orders.example.internal"], "serviceCreate": "validate",
                 "stages": {"AfterAllowTestTraffic": {"warmUp": {"maxAttempts": 4}, "checks": [
                   {"type": "http", "path": "/health"},
                   {"type": "alarms", "alarmNames": ["a"]},
                   {"type": "targetHealth"},
                   {"type": "config", "secrets": ["s"]},
                   {"type": "invoke", "name": "smoke", "timeoutSeconds": 5, "payload": {"ping": true}}]}}}""", "p");

        CheckPlan.Stage stage = plan.stage("AfterAllowTestTraffic").orElseThrow();
        assertThat(plan.serviceCreate()).isEqualTo(CheckPlan.ServiceCreate.VALIDATE);
        assertThat(stage.warmUp()).contains(new CheckPlan.WarmUp(4, 30));
        assertThat(stage.checks()).extracting(CheckPlan.CheckSpec::type)
                .containsExactly("http", "alarms", "targetHealth", "config", "invoke");
        CheckPlan.Http http = (CheckPlan.Http) stage.checks().getFirst();
        assertThat(http.method()).isEqualTo("GET");
        assertThat(http.expectStatus()).isEqualTo(200);
        assertThat(http.attempts()).isEqualTo(3);
        assertThat(http.consecutiveSuccesses()).isEqualTo(1);
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(((CheckPlan.TargetHealth) stage.checks().get(2)).minHealthyTargets()).isEqualTo(1);
        assertThat(((CheckPlan.Invoke) stage.checks().get(4)).payload()).isEqualTo("{\"ping\":true}");
        assertThat(stage.checks().get(4).timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyProblemIsNamedWithItsLocation() {
        assertThatThrownBy(() -> CheckPlan.parse("""
                {"serviceCreate": "maybe", "extra": 1, "stages": {"S": {"checks": [
                   {"type": "http", "url": "ftp://x", "method": "DELETE", "attempts": 0},
                   {"type": "http"},
                   {"type": "http", "path": "/a", "jsonPointer": "/v"},
                   {"type": "alarms", "alarmNames": []},
                   {"type": "config"},
                   {"type": "targetHealth", "minHealthyTargets": "two"},
                   {"name": "untyped"}]}, "T": {}}}""", "/shepherd/dev/deployments/a/b"))
                .isInstanceOf(CheckPlan.PlanException.class)
                .hasMessageStartingWith("check plan /shepherd/dev/deployments/a/b is invalid: ")
                .hasMessageContaining("plan.serviceCreate is 'maybe'")
                .hasMessageContaining("plan has unknown field 'extra'")
                .hasMessageContaining("stages.S.checks[0].url 'ftp://x' is not an absolute http(s) URL")
                .hasMessageContaining("stages.S.checks[0].method 'DELETE'")
                .hasMessageContaining("stages.S.checks[0].attempts is 0")
                .hasMessageContaining("stages.S.checks[1] needs exactly one of url")
                .hasMessageContaining("stages.S.checks[2]: jsonPointer and jsonEquals go together")
                .hasMessageContaining("stages.S.checks[3].alarmNames must name at least one alarm")
                .hasMessageContaining("stages.S.checks[4] names no parameters and no secrets")
                .hasMessageContaining("stages.S.checks[5].minHealthyTargets is \"two\"")
                .hasMessageContaining("stages.S.checks[6].type is missing")
                .hasMessageContaining("stages.T.checks is missing");
    }

    @Test
    void notJsonIsAPlanError() {
        assertThatThrownBy(() -> CheckPlan.parse("{stages:", "p")).isInstanceOf(CheckPlan.PlanException.class)
                .hasMessageContaining("malformed JSON");
    }
}
