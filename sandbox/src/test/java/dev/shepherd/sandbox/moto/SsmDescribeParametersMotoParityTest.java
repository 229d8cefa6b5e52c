package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SSM {@code DescribeParameters} for configuration parity: {@code FakeSsm} versus moto, each holding 14 parameters
 * over two environments and three levels. Compared, over all pages: names, types, versions, tiers, for the
 * {@code Path} filter (one level and recursive), {@code Type}, {@code Name} BeginsWith, and no filter (more than one
 * page); 60 more parameters under one path, listed with {@code MaxResults} 50. Not compared, where moto differs: it
 * pages 10 at a time whatever {@code MaxResults} says, filters before paging (AWS, and the fake, may answer a short or
 * empty page with a token), lists in creation order, and finds nothing with a {@code Tier} filter.
 */
class SsmDescribeParametersMotoParityTest extends MotoParityTest {
    static final List<String[]> PARAMETERS = List.of(
            new String[] {"/shepherd/dev/db/url", "String"}, new String[] {"/shepherd/dev/db/password", "SecureString"},
            new String[] {"/shepherd/dev/hook/alarms", "StringList"}, new String[] {"/shepherd/dev/hook/health-path", "String"},
            new String[] {"/shepherd/dev/hook/deep/level", "String"}, new String[] {"/shepherd/dev/budget/limit", "String"},
            new String[] {"/shepherd/dev/required", "StringList"},
            new String[] {"/shepherd/prod/db/url", "String"}, new String[] {"/shepherd/prod/db/password", "String"},
            new String[] {"/shepherd/prod/hook/alarms", "String"}, new String[] {"/shepherd/prod/hook/health-path", "String"},
            new String[] {"/shepherd/prod/App/health-path", "String"}, new String[] {"/shepherd/prod/budget/limit", "String"},
            new String[] {"/shepherd/prod/required", "StringList"});
    SsmClient fake;
    SsmClient real;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("ssm", "application/x-amz-json-1.1", "AmazonSSM.GetParameter", "{\"Name\":\"/warm-up\"}");
    }

    @BeforeEach
    void seed() {
        real = onMoto(SsmClient.class);
        StringBuilder scenario = new StringBuilder("{\"ssm\": {\"parameters\": [");
        for (String[] p : PARAMETERS) {
            real.putParameter(r -> r.name(p[0]).type(ParameterType.fromValue(p[1])).value("v"));
            scenario.append(scenario.charAt(scenario.length() - 1) == '[' ? "" : ",")
                    .append("{\"Name\": \"%s\", \"Type\": \"%s\", \"Value\": \"v\"}".formatted(p[0], p[1]));
        }
        fake = new Sandbox().load(Json.parse(scenario.append("]}}").toString())).client(SsmClient.class);
    }

    /** Every parameter over all pages, sorted by name (moto lists in creation order, the fake by name). */
    private static List<List<Object>> all(SsmClient client, Consumer<DescribeParametersRequest.Builder> request) {
        List<ParameterMetadata> found = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            DescribeParametersResponse page = client.describeParameters(r -> {
                request.accept(r);
                r.nextToken(from);
            });
            found.addAll(page.parameters());
            token = page.nextToken();
        } while (token != null);
        return found.stream().sorted(Comparator.comparing(ParameterMetadata::name))
                .map(m -> Arrays.<Object>asList(m.name(), m.typeAsString(), m.version(), m.tierAsString())).toList();
    }

    @Test
    void everyParameterOverSeveralPages() {
        List<List<Object>> every = sameAnswer(fake, real, c -> all(c, r -> { }));
        assertThat(every).hasSize(PARAMETERS.size());
    }

    @Test
    void pathOneLevelAndRecursive() {
        var oneLevel = sameAnswer(fake, real, c -> all(c, r -> r.parameterFilters(f -> f.key("Path").values("/shepherd/dev/hook"))));
        assertThat(oneLevel).extracting(p -> p.getFirst()).containsExactly("/shepherd/dev/hook/alarms", "/shepherd/dev/hook/health-path");
        var recursive = sameAnswer(fake, real, c -> all(c, r -> r.parameterFilters(
                f -> f.key("Path").option("Recursive").values("/shepherd/dev"))));
        assertThat(recursive).hasSize(7);
    }

    @Test
    void typeAndNameFilters() {
        var secure = sameAnswer(fake, real, c -> all(c, r -> r.parameterFilters(f -> f.key("Type").values("SecureString"))));
        assertThat(secure).singleElement().satisfies(p -> assertThat(p.getFirst()).isEqualTo("/shepherd/dev/db/password"));
        var prodApp = sameAnswer(fake, real, c -> all(c, r -> r.parameterFilters(
                f -> f.key("Name").option("BeginsWith").values("/shepherd/prod/App"))));
        assertThat(prodApp).as("names are case-sensitive").hasSize(1);
    }

    @Test
    void sixtyMoreParametersAreAllListedWithMaxResultsFifty_edge1() {
        StringBuilder scenario = new StringBuilder("{\"ssm\": {\"parameters\": [");
        for (int i = 0; i < 60; i++) {
            String name = "/shepherd/staging/app/p-%02d".formatted(i);
            real.putParameter(r -> r.name(name).type(ParameterType.STRING).value("v"));
            scenario.append(i == 0 ? "" : ",").append("{\"Name\": \"%s\", \"Type\": \"String\", \"Value\": \"v\"}"
                    .formatted(name));
        }
        ((dev.shepherd.sandbox.FakeSsm) fake).load(Json.parse(scenario.append("]}}").toString()).get("ssm"));

        var staging = sameAnswer(fake, real, c -> all(c, r -> r.maxResults(50).parameterFilters(
                f -> f.key("Path").option("Recursive").values("/shepherd/staging"))));
        assertThat(staging).hasSize(60);
    }
}
