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

    @Test
    void picksTheAnswerByProtocolOperationAndRequestName() throws Exception {
        try (RuntimeApiStub stub = new RuntimeApiStub(new byte[0], 1, Map.of(
                "GetParameter.json", "{\"Parameter\":{\"Name\":\"any\"}}",
                "GetParameter/shepherd/dev/routes.json", "{\"Parameter\":{\"Name\":\"/shepherd/dev/routes\"}}",
                "UpdateItem.json", "{\"Attributes\":{}}",
                "CreateSchedule.json", "{\"ScheduleArn\":\"arn\"}",
                "Publish.xml", "<MessageId>m-1</MessageId>"), poll -> { })) {
            HttpResponse<String> routes = post(stub, "/", "{\"Name\":\"/shepherd/dev/routes\",\"WithDecryption\":true}",
                    Map.of("X-Amz-Target", "AmazonSSM.GetParameter", "Content-Type", "application/x-amz-json-1.1"));
            HttpResponse<String> other = post(stub, "/", "{\"Name\":\"/orders/dev/flags\"}",
                    Map.of("X-Amz-Target", "AmazonSSM.GetParameter", "Content-Type", "application/x-amz-json-1.1"));
            HttpResponse<String> dynamo = post(stub, "/", "{\"TableName\":\"t\"}",
                    Map.of("X-Amz-Target", "DynamoDB_20120810.UpdateItem", "Content-Type", "application/x-amz-json-1.0"));
            HttpResponse<String> schedule = post(stub, "/schedules/shepherd-esc-1", "{}",
                    Map.of("Content-Type", "application/json"));
            HttpResponse<String> unknownRest = post(stub, "/2015-03-31/functions/f/aliases/live", "{}", Map.of());
            HttpResponse<String> sns = post(stub, "/", "Action=Publish&Version=2010-03-31&TopicArn=t",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));

            assertThat(routes.body()).contains("/shepherd/dev/routes");
            assertThat(other.body()).as("no answer canned for that name").contains("\"any\"");
            assertThat(dynamo.body()).isEqualTo("{\"Attributes\":{}}");
            assertThat(dynamo.headers().firstValue("Content-Type")).as("JSON 1.0 answered in 1.0")
                    .contains("application/x-amz-json-1.0");
            assertThat(schedule.body()).isEqualTo("{\"ScheduleArn\":\"arn\"}");
            assertThat(unknownRest.body()).isEqualTo("{}");
            assertThat(sns.body()).contains("<PublishResult><MessageId>m-1</MessageId></PublishResult>");
            assertThat(stub.awsCalls()).containsExactly("AmazonSSM:GetParameter", "AmazonSSM:GetParameter",
                    "DynamoDB:UpdateItem", "Scheduler:CreateSchedule", "POST /2015-03-31/functions/f/aliases/live",
                    "query:Publish");
        }
    }

    @Test
    void timesEachInvocationsFirstStopCallFromTheEventAndNothingWhenThereIsNone() throws Exception {
        try (RuntimeApiStub stub = new RuntimeApiStub("{}".getBytes(StandardCharsets.UTF_8), 2, Map.of(),
                poll -> { })) {
            Map<String, String> stop = Map.of("X-Amz-Target", "CodeDeploy_20141006.StopDeployment");
            String first = get(stub, "/2018-06-01/runtime/invocation/next").headers()
                    .firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            Thread.sleep(20);
            post(stub, "/", "{\"deploymentId\":\"d-1\"}", stop);
            Thread.sleep(20);
            post(stub, "/", "{\"deploymentId\":\"d-2\"}", stop);
            post(stub, "/2018-06-01/runtime/invocation/" + first + "/response", "{}", Map.of());
            String second = get(stub, "/2018-06-01/runtime/invocation/next").headers()
                    .firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            post(stub, "/", "{}", Map.of("X-Amz-Target", "CodeDeploy_20141006.ListDeployments"));
            post(stub, "/2018-06-01/runtime/invocation/" + second + "/response", "{}", Map.of());

            List<RuntimeApiStub.Invocation> done = stub.invocations();
            assertThat(done.get(0).eventToStopMillis()).isGreaterThanOrEqualTo(20.0)
                    .as("the first stop of the invocation, not the second").isLessThan(done.get(0).millis() - 15);
            assertThat(done.get(1).eventToStopMillis()).as("the earlier invocation's stop does not count").isNull();
        }
    }

    @Test
    void aSnapStartInitIsRestoredWhenItAsks() throws Exception {
        try (RuntimeApiStub stub = new RuntimeApiStub(new byte[0], 1, Map.of(), poll -> { })) {
            assertThat(get(stub, "/2018-06-01/runtime/restore/next").statusCode()).isEqualTo(200);
            assertThat(stub.idle()).isNotDone();
        }
    }
}
