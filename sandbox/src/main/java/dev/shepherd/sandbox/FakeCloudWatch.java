package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** In-memory CloudWatchClient. TODO(owner): implement the operations Shepherd calls, with the service's rules. */
public final class FakeCloudWatch extends FakeService implements CloudWatchClient {
    public FakeCloudWatch(CallJournal journal) {
        super(journal, CloudWatchClient.class);
    }

    @Override
    public String scenarioKey() {
        return "cloudwatch";
    }

    @Override
    public void seed(JsonNode section) {
        throw new UnsupportedOperationException("FakeCloudWatch cannot be seeded yet");
    }
}
