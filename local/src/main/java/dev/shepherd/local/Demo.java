package dev.shepherd.local;

import dev.shepherd.local.template.Template;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code shepherd demo}: plays every act against the sandbox and real loopback servers, no AWS account. */
final class Demo {
    private final PrintStream out;
    private final PrintStream err;
    private final Path repoRoot;
    private final Map<String, String> processEnv;

    Demo(PrintStream out, PrintStream err, Path repoRoot, Map<String, String> processEnv) {
        this.out = out;
        this.err = err;
        this.repoRoot = repoRoot;
        this.processEnv = processEnv;
    }

    /** The demo's servers listen on loopback, which the hook refuses to call unless told it is a local run. */
    static final Map<String, String> LOCAL_OVERRIDES = Map.of("HTTP_ALLOW_LOOPBACK", "true");

    /** Every act, in order. */
    private List<DemoAct> acts() {
        DemoAct rotation = new DemoAct() {
            @Override
            public String title() {
                return "credentials rotate on a real PostgreSQL";
            }

            @Override
            public void play(Stage stage) throws Exception {
                RotationDemoAct.play(out); // narrates itself; it drives the rotation handler step by step
            }
        };
        return List.of(ReleaseAct.healthy(repoRoot), ReleaseAct.broken(repoRoot), rotation, new AlarmAct(repoRoot),
                new BudgetAct(repoRoot), new ComplianceAct(repoRoot));
    }

    int play() {
        Template template = Template.load(repoRoot.resolve("template.yaml"));
        int failed = 0;
        List<DemoAct> acts = acts();
        out.println("Shepherd demo: the real handlers from template.yaml, run in-process against the in-memory AWS");
        out.println("sandbox and real HTTP servers on loopback. No AWS account is used; every AWS call is listed.");
        for (int i = 0; i < acts.size(); i++) {
            DemoAct act = acts.get(i);
            out.println();
            out.println("== Act " + (i + 1) + ": " + act.title() + " ==");
            try {
                act.play(new Stage(out, new FunctionRunner(template, FunctionRunner.regionFrom(processEnv),
                        act.clock(), LOCAL_OVERRIDES)));
            } catch (Exception e) {
                failed++;
                out.println("  the act could not be played: " + e);
                e.printStackTrace(err);
            }
        }
        return failed == 0 ? Shepherd.OK : Shepherd.FUNCTION_FAILED;
    }
}
