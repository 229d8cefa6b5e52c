package dev.shepherd.budget;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The restore event: {@code {"action": "restore"}}, optionally {@code "dryRun": true}, as the template's restore
 * schedule sends it (or a person with {@code ./shepherd invoke}). Whoever may invoke the function can send it; it
 * can only bring back what Shepherd itself scaled down, exactly as recorded.
 */
record RestoreRequest(boolean dryRun) {
    /** @throws IllegalArgumentException naming what is wrong, never quoting the event */
    static RestoreRequest parse(JsonNode event) {
        if (!"restore".equals(event.path("action").textValue())) {
            throw new IllegalArgumentException("not a budget guard event (expected {\"action\": \"restore\"})");
        }
        List<String> problems = new ArrayList<>();
        event.fieldNames().forEachRemaining(k -> {
            if (!k.equals("action") && !k.equals("dryRun") && problems.isEmpty()) {
                problems.add("it has keys other than action and dryRun");
            }
        });
        JsonNode dry = event.path("dryRun");
        if (!dry.isMissingNode() && !dry.isBoolean()) {
            problems.add("dryRun must be true or false");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("restore event: " + String.join("; ", problems));
        }
        return new RestoreRequest(dry.asBoolean(false));
    }
}
