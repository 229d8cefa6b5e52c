package dev.shepherd.local;

import dev.shepherd.local.template.TemplateException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code shepherd} command: {@code invoke} runs one function of template.yaml in-process,
 * {@code demo} plays the release scenarios against the sandbox. stdout carries only the command's
 * result; whatever the functions log or print goes to stderr.
 */
public final class Shepherd {
    static final int OK = 0;
    static final int FUNCTION_FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: shepherd invoke <FunctionLogicalId> <event.json> [--scenario <file>] [--journal <file>] [--aws]
                                   [--template <file>] [--env NAME=VALUE]...
                   shepherd demo
              invoke  runs the function's handler from template.yaml on the event, in-process, and prints its
                      response as JSON. AWS calls go to the local sandbox (seeded with --scenario), or with --aws
                      to the account of the default credential chain (AWS_ENDPOINT_URL* honoured). --journal
                      writes every AWS call as one JSON line. --env sets a variable on top of the template's.
              demo    plays a healthy and a broken release through the real deployment hook, secret rotations
                      on a real PostgreSQL, and an alarm during a release through the real alarm responder
                      (stop with rollback, Slack and PagerDuty on loopback, escalation, resolve), against the
                      sandbox.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Path repoRoot;
    private final Map<String, String> processEnv;

    public Shepherd(PrintStream out, PrintStream err, Path repoRoot, Map<String, String> processEnv) {
        this.out = out;
        this.err = err;
        this.repoRoot = repoRoot;
        this.processEnv = processEnv;
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        Path root = Path.of(System.getProperty("shepherd.repo.root", ".")).toAbsolutePath().normalize();
        int code;
        try {
            code = new Shepherd(stdout, System.err, root, System.getenv()).run(args);
        } catch (RuntimeException e) {
            // A bug of the runner or a fake, not the function's failure: show it all, and exit even if some
            // library left a non-daemon thread behind.
            e.printStackTrace();
            code = FUNCTION_FAILED;
        }
        stdout.flush();
        System.exit(code);
    }

    /** Runs one command; while it runs, System.out is stderr so that nothing but the result reaches stdout. */
    public int run(String[] args) {
        PrintStream saved = System.out;
        System.setOut(err);
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "invoke" -> new InvokeCommand(out, err, repoRoot, processEnv).run(rest);
                case "demo" -> {
                    if (!rest.isEmpty()) {
                        throw new UsageException("demo takes no arguments");
                    }
                    yield new Demo(out, err, repoRoot, processEnv).play();
                }
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("shepherd: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (TemplateException | UncheckedIOException | IllegalArgumentException e) {
            err.println("shepherd: " + e.getMessage());
            return USAGE;
        } finally {
            System.setOut(saved);
        }
    }
}
