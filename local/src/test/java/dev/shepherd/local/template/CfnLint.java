package dev.shepherd.local.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * cfn-lint, found on PATH or in the pyenv shims (it is part of these machines' image, not of the project).
 * It runs the real SAM transform and the CloudFormation resource schemas, so it catches what the SAM-only
 * schema lets through (e.g. {@code Runtime: 42}).
 */
final class CfnLint {
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String output) {
        /** cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational. */
        boolean hasErrorsOrWarnings() {
            return (exitCode & (2 | 4)) != 0 || exitCode == 1;
        }
    }

    private final Path executable;

    private CfnLint(Path executable) {
        this.executable = executable;
    }

    static Optional<CfnLint> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "cfn-lint"));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "cfn-lint"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(CfnLint::new);
    }

    Result run(Path template) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString(), "--format", "parseable", template.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cfn-lint did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    @Override
    public String toString() {
        return executable.toString();
    }

    static Stream<String> lines(Result result) {
        return result.output().lines().filter(l -> !l.isBlank());
    }
}
