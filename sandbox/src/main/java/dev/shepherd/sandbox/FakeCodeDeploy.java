package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/** In-memory CodeDeployClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeCodeDeploy extends FakeService implements CodeDeployClient {
    public FakeCodeDeploy(CallJournal journal) {
        super(journal, CodeDeployClient.class);
    }

    @Override
    public String scenarioKey() {
        return "codedeploy";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeCodeDeploy cannot be seeded yet");
    }
}
