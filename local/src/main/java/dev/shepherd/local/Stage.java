package dev.shepherd.local;

import dev.shepherd.core.CallJournal;
import dev.shepherd.sandbox.Sandbox;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a demo act runs functions: each {@link #invoke} goes through the same {@link FunctionRunner} as
 * {@code shepherd invoke}, against the act's sandbox, and prints the step, the function's response, the
 * reasons it logged and every AWS call it made.
 */
final class Stage {
    private final PrintStream out;
    private FunctionRunner runner;
    private final Sandbox sandbox = new Sandbox(CallJournal.recording());

    Stage(PrintStream out, FunctionRunner runner) {
        this.out = out;
        this.runner = runner;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** Seeds the sandbox with a scenario file and gives the functions it names its environment, as invoke does. */
    void load(Path scenarioFile) {
        Scenario scenario = Scenario.read(scenarioFile);
        runner = runner.withScenario(scenario);
        scenario.seed(sandbox);
    }

    /** A line of narration. */
    void say(String text) {
        out.println("  " + text);
    }

    /** The outcome of one step, as the audience should read it. */
    void verdict(String text) {
        out.println("  => " + text);
    }

    /**
     * Runs one function on one event and shows what it answered, why, and the AWS calls it made.
     *
     * @return the function's response as JSON text; an act that needs it fails when the function failed
     */
    String invoke(String step, String functionId, String event) {
        out.println();
        out.println("  step: " + step);
        out.println("  runs: " + functionId + " (" + runner.function(functionId).handlerClass() + ")");
        int before = sandbox.journal().calls().size();
        List<String> reasons;
        String response = "null";
        try (LogCapture logs = LogCapture.attach()) {
            try {
                response = runner.invoke(functionId, event.getBytes(StandardCharsets.UTF_8), sandbox);
                out.println("  response: " + response);
            } catch (FunctionError e) {
                out.println("  function error: " + e.getMessage());
            }
            reasons = logs.lines();
        }
        if (!reasons.isEmpty()) {
            out.println("  why (the function's log):");
            reasons.forEach(line -> out.println("    " + line));
        }
        List<CallJournal.Call> calls = sandbox.journal().calls();
        out.println("  AWS calls (" + (calls.size() - before) + "):");
        calls.subList(before, calls.size())
                .forEach(c -> out.println("    " + c.action() + " " + c.request()));
        return response;
    }
}
