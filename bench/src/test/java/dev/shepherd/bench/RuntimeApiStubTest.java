package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stub as the runtime client and the SDK see it: real HTTP on loopback. */
class RuntimeApiStubTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(RuntimeApiStub stub, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + stub.address() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RuntimeApiStub stub, String path, String body, Map<String, String> headers)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://" + stub.address() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheEventOncePerInvocationAndTimesEachUntilItsResponse() throws Exception {
        List<Integer> polls = new ArrayList<>();
        try (RuntimeApiStub stub = new RuntimeApiStub("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 2, Map.of(),
                polls::add)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> next = get(stub, "/2018-06-01/runtime/invocation/next");
                assertThat(next.body()).isEqualTo("{\"a\":1}");
                String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).isPresent();
                assertThat(post(stub, "/2018-06-01/runtime/invocation/" + id + "/response", "\"ok\"", Map.of())
                        .statusCode()).isEqualTo(202);
            }
            assertThat(stub.idle()).isNotDone();
            // the poll after the last invocation is held open and marks the sample idle
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + stub.address()
                    + "/2018-06-01/runtime/invocation/next")).build(), HttpResponse.BodyHandlers.ofString());
            stub.idle().get(5, TimeUnit.SECONDS);

            assertThat(polls).containsExactly(0, 1, 2);
            assertThat(stub.invocations()).extracting(RuntimeApiStub.Invocation::requestId)
                    .containsExactly("bench-0", "bench-1");
            assertThat(stub.invocations()).allSatisfy(i -> assertThat(i.millis()).isPositive());
        }
    }

    @Test
    void anInitErrorFailsTheSampleWithTheFunctionsMessage() throws Exception {
        try (RuntimeApiStub stub = new RuntimeApiStub(new byte[0], 2, Map.of(), poll -> { })) {
            post(stub, "/2018-06-01/runtime/init/error", "{\"errorMessage\":\"HOOK_EVENT is 'x'\"}", Map.of());

            assertThatThrownBy(() -> stub.idle().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("HOOK_EVENT is 'x'");
        }
    }

    @Test
    void answersJsonAndQueryProtocolCallsFromTheCannedFiles() throws Exception {
        try (RuntimeApiStub stub = new RuntimeApiStub(new byte[0], 1, Map.of(
                "GetDeployment.json", "{\"deploymentInfo\":{}}",
                "DescribeTargetHealth.xml", "<TargetHealthDescriptions/>"), poll -> { })) {
            HttpResponse<String> json = post(stub, "/", "{}",
                    Map.of("X-Amz-Target", "CodeDeploy_20141006.GetDeployment"));
            HttpResponse<String> other = post(stub, "/", "{}",
                    Map.of("X-Amz-Target", "CodeDeploy_20141006.ListDeploymentTargets"));
            HttpResponse<String> query = post(stub, "/", "Action=DescribeTargetHealth&Version=2015-12-01",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));

            assertThat(json.body()).isEqualTo("{\"deploymentInfo\":{}}");
            assertThat(other.body()).isEqualTo("{}");
            assertThat(query.body()).contains("<DescribeTargetHealthResult><TargetHealthDescriptions/>"
                    + "</DescribeTargetHealthResult>");
            assertThat(stub.awsCalls()).containsExactly("CodeDeploy:GetDeployment",
                    "CodeDeploy:ListDeploymentTargets", "query:DescribeTargetHealth");
        }
    }
}
