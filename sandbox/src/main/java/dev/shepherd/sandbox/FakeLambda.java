package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** In-memory LambdaClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeLambda extends FakeService implements LambdaClient {
    public FakeLambda(CallJournal journal) {
        super(journal, LambdaClient.class);
    }

    @Override
    public String scenarioKey() {
        return "lambda";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeLambda cannot be seeded yet");
    }
}
