package dev.shepherd.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events in events/budgets and events/eventbridge, classified the way a handler would hand them over. */
final class BudgetEvents {
    static final Path ROOT = Path.of(System.getProperty("shepherd.repo.root", "../..")).resolve("events");

    private BudgetEvents() {
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SNS record's Subject and Message of events/budgets/{name}. */
    static BudgetMessages.Result sns(String name) {
        JsonNode sns = Json.parse(read("budgets/" + name)).path("Records").path(0).path("Sns");
        return BudgetMessages.classify(sns.path("Subject").textValue(), sns.path("Message").textValue());
    }

    static BudgetAlert budget(String name) {
        BudgetMessages.Result r = sns(name);
        if (r instanceof BudgetMessages.Budget(BudgetAlert alert)) {
            return alert;
        }
        throw new AssertionError(name + " is not a budget alert: " + r);
    }
}
