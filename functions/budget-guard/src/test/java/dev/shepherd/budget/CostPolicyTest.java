package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.ConfigException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostPolicyTest {
    static final String SOURCE = "/shepherd/dev/cost-policy";

    static CostPolicy parse(String json) {
        return CostPolicy.parse(json, SOURCE, "dev");
    }

    @Test
    void actionsDefaultToDryRunAtOneHundredPercentInTheOwnEnvironment() {
        CostPolicy p = parse("{\"actions\": {\"budgets\": [\"dev-monthly\"], \"clusters\": [\"shepherd-dev\"]}}");

        assertThat(p.mode()).isEqualTo(CostPolicy.Mode.DRY_RUN);
        assertThat(p.atPercent()).isEqualByComparingTo(new BigDecimal("100"));
        assertThat(p.environments()).containsExactly("dev");
        assertThat(p.clusters()).containsExactly("shepherd-dev");
        assertThat(p.topServices()).isEqualTo(5);
        assertThat(p.costTag()).isEqualTo("environment");
    }

    @Test
    void withoutActionsNothingActs() {
        assertThat(parse("{\"context\": {\"topServices\": 3, \"costTag\": \"team\"}}"))
                .extracting(CostPolicy::acts, CostPolicy::topServices, CostPolicy::costTag)
                .containsExactly(false, 3, "team");
        assertThat(CostPolicy.notifyOnly().acts()).isFalse();
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        assertThatThrownBy(() -> parse("""
                {"actions": {"mode": "yes", "atPercent": -5, "budgets": [], "clusters": ["bad cluster!"],
                             "environments": ["staging", "Production", "staging"], "extra": 1},
                 "context": {"topServices": 0}, "other": true}"""))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        SOURCE + ": other is not a known key (known: actions, context)",
                        SOURCE + ": context.topServices must be a whole number from 1 to 20",
                        SOURCE + ": actions.extra is not a known key (known: mode, atPercent, budgets, clusters, environments)",
                        SOURCE + ": actions.mode must be one of off, dry-run, on",
                        SOURCE + ": actions.atPercent must be a number above 0 and at most 1000",
                        SOURCE + ": actions.clusters[0] is not a valid name",
                        SOURCE + ": actions.environments[2] repeats an earlier entry",
                        SOURCE + ": actions.environments names 'Production': production services are never scaled"));
    }

    @Test
    void onOrDryRunNeedsBudgetsAndClusters() {
        assertThatThrownBy(() -> parse("{\"actions\": {\"mode\": \"on\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("actions.budgets is missing")
                .hasMessageContaining("actions.clusters is missing");
        assertThat(parse("{\"actions\": {\"mode\": \"off\"}}").acts()).isFalse();
    }

    @Test
    void productionAcceptsOnlyOff() {
        assertThatThrownBy(() -> CostPolicy.parse("{\"actions\": {\"mode\": \"dry-run\", \"budgets\": [\"b\"],"
                + " \"clusters\": [\"c\"], \"environments\": [\"dev\"]}}", "/shepherd/prod/cost-policy", "prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("actions.mode is dry-run in prod: the budget guard never scales production");
        assertThat(CostPolicy.parse("{\"actions\": {\"mode\": \"off\"}}", "p", "prod").acts()).isFalse();
    }

    @Test
    void notJsonOrNotAnObjectIsOneClearProblem() {
        assertThatThrownBy(() -> parse("{\"actions\": ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SOURCE + ": malformed JSON");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void clusterArnsAndPercentsAboveOneHundredAreAccepted() {
        CostPolicy p = parse("""
                {"actions": {"mode": "on", "atPercent": 120.5, "budgets": ["a", "b"],
                  "clusters": ["arn:aws:ecs:eu-west-1:111122223333:cluster/shepherd-dev"], "environments": ["dev", "qa"]}}""");
        assertThat(p.atPercent()).isEqualByComparingTo("120.5");
        assertThat(p.clusters()).isEqualTo(List.of("arn:aws:ecs:eu-west-1:111122223333:cluster/shepherd-dev"));
        assertThat(p.environments()).isEqualTo(Set.of("dev", "qa"));
        assertThat(p.budgets()).isEqualTo(Set.of("a", "b"));
    }
}
