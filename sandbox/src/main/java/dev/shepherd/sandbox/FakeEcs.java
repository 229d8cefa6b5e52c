package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.ecs.EcsClient;

/** In-memory EcsClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeEcs extends FakeService implements EcsClient {
    public FakeEcs(CallJournal journal) {
        super(journal, EcsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "ecs";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeEcs cannot be seeded yet");
    }
}
