package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.check.CheckFailure;
import org.junit.jupiter.api.Test;

class ListenerRuleTest {
    @Test
    void aRuleArnNamesItsListener() throws CheckFailure {
        assertThat(LoadBalancers.listenerOfRule(
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/orders-alb/0a1b2c3d4e5f6a7b/5555eeee6666ffff/7777cccc8888dddd"))
                .isEqualTo("arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b2c3d4e5f6a7b/5555eeee6666ffff");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> LoadBalancers.listenerOfRule("arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/a/b/c"))
                .isInstanceOf(CheckFailure.class).hasMessageContaining("is not a listener rule ARN");
    }
}
