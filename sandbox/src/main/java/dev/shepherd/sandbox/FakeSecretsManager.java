package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** In-memory SecretsManagerClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeSecretsManager extends FakeService implements SecretsManagerClient {
    public FakeSecretsManager(CallJournal journal) {
        super(journal, SecretsManagerClient.class);
    }

    @Override
    public String scenarioKey() {
        return "secretsmanager";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeSecretsManager cannot be seeded yet");
    }
}
