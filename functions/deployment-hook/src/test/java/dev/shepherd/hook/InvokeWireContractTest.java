package dev.shepherd.hook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/** The smoke invoke check through the real SDK client on the wire: one attempt, within the check's own time. */
class InvokeWireContractTest {
    static final String INVOKE = "/2015-03-31/functions/orders-fn/invocations";
    static WireMockServer lambda;

    @BeforeAll
    static void start() {
        lambda = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(lambda);
    }

    @BeforeEach
    void reset() {
        lambda.resetAll();
    }

    /** The invoke check as the hook's factory builds it, on clients from core's one factory. */
    static HookCheck invokeCheck() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev");
        Platform platform = new Platform(env, new AwsClients(env, CallJournal.recording()), Clock.systemUTC());
        CheckPlan plan = CheckPlan.parse("""
                {"stages": {"BeforeAllowTraffic": {"checks": [{"type": "invoke", "payload": {"ping": true}}]}}}""", "/p");
        Deployment deployment = new Deployment() {
            @Override
            public String greenTargetGroupArn() {
                throw new UnsupportedOperationException();
            }

            @Override
            public URI testEndpoint() {
                throw new UnsupportedOperationException();
            }

            @Override
            public FunctionVersion newFunctionVersion() {
                return new FunctionVersion("orders-fn", "7");
            }
        };
        return new CheckFactory(platform, new Parameters(platform), new GuardedHttp(new AddressGuard(false)))
                .checks(plan, plan.stage("BeforeAllowTraffic").orElseThrow(), deployment).getFirst();
    }

    @ParameterizedTest
    @CsvSource({"500,ServiceException", "429,TooManyRequestsException", "502,EC2ThrottledException"})
    void item15_aSmokeInvokeIsNeverRetriedBySdk(int status, String type) {
        lambda.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(aResponse().withStatus(status)
                .withHeader("x-amzn-ErrorType", type).withHeader("Content-Type", "application/json")
                .withBody("{\"Type\": \"Service\", \"message\": \"injected\"}")));

        assertThatThrownBy(() -> invokeCheck().run(Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO)))
                .isInstanceOf(AwsServiceException.class);
        lambda.verify(1, postRequestedFor(urlPathEqualTo(INVOKE)));
    }

    @Test
    void item15_aSmokeInvokeIsBoundedByTheChecksOwnTimeout() {
        lambda.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Executed-Version", "7").withBody("{}").withFixedDelay(4_000)));
        HookCheck check = invokeCheck();
        long start = System.nanoTime();

        assertThatThrownBy(() -> check.run(Deadline.of(Clock.systemUTC(), 1_000, Duration.ZERO)))
                .isInstanceOf(ApiCallTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_000));
        lambda.verify(1, postRequestedFor(urlPathEqualTo(INVOKE)));
    }

    @Test
    void aSmokeInvokeLongerThanAnOrdinaryAttemptStillCompletesWithinTheCheck() throws Exception {
        // Longer than the 5 s socket timeout every other AWS call has: the function under test may start cold.
        lambda.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Executed-Version", "7").withBody("{}").withFixedDelay(6_000)));

        CheckResult result = invokeCheck().run(Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO));

        assertThat(result.passed()).isTrue();
        lambda.verify(1, postRequestedFor(urlPathEqualTo(INVOKE)));
    }
}
