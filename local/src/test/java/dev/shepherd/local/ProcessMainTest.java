package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as its own process (what ./shepherd execs): the function's Powertools JSON logs, which
 * log4j binds to the process's stdout at start-up, must land on stderr, leaving stdout to the response.
 */
class ProcessMainTest {
    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dshepherd.repo.root=" + InvokeCommandTest.REPO.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Shepherd.class.getName()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("shepherd did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void stdoutCarriesOnlyTheResponseWhileTheFunctionsLogsGoToStderr() throws Exception {
        Path journal = tmp.resolve("journal.jsonl");

        Result result = run("invoke", "EcsDeploymentHook",
                InvokeCommandTest.REPO.resolve("events/ecs/unknown-stage.json").toString(), "--journal", journal.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("{\"hookStatus\":\"FAILED\"}\n");
        assertThat(result.err()).contains("\"level\":\"ERROR\"").contains("answering FAILED");
        assertThat(journal).exists().isEmptyFile();
    }

    @Test
    void aUsageErrorExitsTwoWithNothingOnStdout() throws Exception {
        Result result = run("invoke");

        assertThat(result.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("usage: shepherd invoke");
    }
}
