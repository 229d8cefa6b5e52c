package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.ssm.SsmClient;

/** In-memory SsmClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeSsm extends FakeService implements SsmClient {
    public FakeSsm(CallJournal journal) {
        super(journal, SsmClient.class);
    }

    @Override
    public String scenarioKey() {
        return "ssm";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeSsm cannot be seeded yet");
    }
}
