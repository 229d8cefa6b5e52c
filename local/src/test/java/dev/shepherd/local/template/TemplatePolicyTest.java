package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's IAM policies against the AWS calls the function modules' tests recorded. Maven runs those
 * tests first (this module depends on the function modules); a module built with -DskipTests has no record,
 * and the check skips it with a message.
 */
class TemplatePolicyTest {
    @Test
    void everyRecordedCallIsAllowedAndNoPermissionIsBroaderThanNeeded() throws IOException {
        JsonNode template = CfnYaml.read(RepoFiles.template());
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String module : modules(template)) {
            Path file = RepoFiles.root().resolve("functions").resolve(module).resolve("target/aws-operations.txt");
            if (Files.isRegularFile(file)) {
                recorded.put(module, Files.readAllLines(file).stream().filter(l -> !l.isBlank()).distinct().toList());
            } else {
                missing.add(file.toString());
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "no recorded AWS calls at " + missing
                + " (run the function modules' tests first, e.g. ./mvnw verify); the IAM check is skipped");

        assertThat(new IamCheck(template).check(recorded)).isEmpty();
    }

    private static TreeSet<String> modules(JsonNode template) {
        TreeSet<String> modules = new TreeSet<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(Template.FUNCTION_TYPE)) {
                IamCheck.module(e.getValue()).ifPresent(modules::add);
            }
        });
        return modules;
    }
}
