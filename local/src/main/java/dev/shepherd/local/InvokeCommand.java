package dev.shepherd.local;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ClientSource;
import dev.shepherd.local.template.Template;
import dev.shepherd.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shepherd invoke <FunctionLogicalId> <event.json> [--scenario f] [--journal f] [--aws] [--template f]
 * [--env NAME=VALUE]...}.
 */
final class InvokeCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Path repoRoot;
    private final Map<String, String> processEnv;

    InvokeCommand(PrintStream out, PrintStream err, Path repoRoot, Map<String, String> processEnv) {
        this.out = out;
        this.err = err;
        this.repoRoot = repoRoot;
        this.processEnv = processEnv;
    }

    private record Arguments(String function, Path event, Path scenario, Path journal, boolean aws, Path template,
            Map<String, String> env) {
    }

    int run(List<String> args) {
        Arguments a = parse(args);
        byte[] event = read(a.event(), "event");
        FunctionRunner runner = new FunctionRunner(Template.load(a.template()),
                FunctionRunner.regionFrom(processEnv), Clock.systemUTC(), a.env());
        CallJournal journal = CallJournal.recording();
        ClientSource clients;
        if (a.aws()) {
            clients = new AwsClients(runner.environment(runner.function(a.function())), journal);
        } else {
            Sandbox sandbox = new Sandbox(journal);
            if (a.scenario() != null) {
                Scenario scenario = Scenario.read(a.scenario());
                runner = runner.withScenario(scenario);
                scenario.seed(sandbox);
            }
            clients = sandbox;
        }
        try {
            out.println(runner.invoke(a.function(), event, clients));
            return Shepherd.OK;
        } catch (FunctionError e) {
            err.println("shepherd: " + a.function() + " failed: " + e.getMessage());
            return Shepherd.FUNCTION_FAILED;
        } finally {
            if (a.journal() != null) {
                journal.writeJsonLines(a.journal());
            }
        }
    }

    private Arguments parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        Path scenario = null;
        Path journal = null;
        Path template = repoRoot.resolve("template.yaml");
        boolean aws = false;
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--aws" -> aws = true;
                case "--scenario" -> scenario = Path.of(value(args, ++i, arg));
                case "--journal" -> journal = Path.of(value(args, ++i, arg));
                case "--template" -> template = Path.of(value(args, ++i, arg));
                case "--env" -> {
                    String assignment = value(args, ++i, arg);
                    int eq = assignment.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--env needs NAME=VALUE, got '" + assignment + "'");
                    }
                    env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.size() != 2) {
            throw new UsageException("invoke needs <FunctionLogicalId> <event.json>, got " + positional);
        }
        if (aws && scenario != null) {
            throw new UsageException("--scenario seeds the sandbox; it cannot be combined with --aws");
        }
        return new Arguments(positional.get(0), Path.of(positional.get(1)), scenario, journal, aws, template, env);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs " + (option.equals("--env") ? "NAME=VALUE" : "a file"));
        }
        return args.get(i);
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + file + ": " + e, e);
        }
    }
}
