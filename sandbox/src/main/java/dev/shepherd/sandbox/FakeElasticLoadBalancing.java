package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** In-memory ElasticLoadBalancingV2Client. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeElasticLoadBalancing extends FakeService implements ElasticLoadBalancingV2Client {
    public FakeElasticLoadBalancing(CallJournal journal) {
        super(journal, ElasticLoadBalancingV2Client.class);
    }

    @Override
    public String scenarioKey() {
        return "elbv2";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeElasticLoadBalancing cannot be seeded yet");
    }
}
