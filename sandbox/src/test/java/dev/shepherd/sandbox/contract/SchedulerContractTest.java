package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * EventBridge Scheduler (REST-JSON: {@code POST|GET|DELETE /schedules/{Name}}, {@code GET /schedules}) on the wire
 * versus {@code FakeScheduler}, with the escalation schedule the responder creates. Errors name their code in
 * {@code X-Amzn-ErrorType}: ConflictException 409, ResourceNotFoundException 404, ValidationException 400.
 */
class SchedulerContractTest extends ContractTest {
    static final String NAME = "shepherd-esc-3f2a9c0d1e4b5a69-1750239667318-1";
    static final String PATH = "/schedules/" + NAME;

    SchedulerClient fake;
    SchedulerClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("{\"scheduler\": {\"groups\": [\"shepherd-dev\"]}}")).client(SchedulerClient.class);
        real = real(SchedulerClient.class);
    }

    static CreateScheduleRequest escalation(String name, String group) {
        return CreateScheduleRequest.builder().name(name).groupName(group)
                .scheduleExpression("at(2025-06-18T09:56:08)").scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn("arn:aws:lambda:eu-west-1:111122223333:function:shepherd-alarm-responder")
                        .roleArn("arn:aws:iam::111122223333:role/shepherd-scheduler")
                        .input("{\"shepherd\":\"alarm-escalation\",\"step\":1}")).build();
    }

    static ResponseDefinitionBuilder restError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Amzn-ErrorType", code).withBody("{\"Message\":\"" + message + "\"}");
    }

    /** As {@link #assertWireErrorLikeFake}, in REST-JSON's error form. */
    static void sameErrorOnTheWire(MappingBuilder request, Runnable fakeCall, Runnable realCall) {
        AwsServiceException fromFake = thrownBy(fakeCall);
        wire.resetAll();
        wire.stubFor(request.willReturn(restError(fromFake.statusCode(), fromFake.awsErrorDetails().errorCode(),
                fromFake.awsErrorDetails().errorMessage())));
        assertSameError(fromFake, realCall);
        assertThat(requests()).as(fromFake.awsErrorDetails().errorCode() + " is final").hasSize(1);
    }

    @Test
    void createSchedule() {
        wire.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json").withBody("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:111122223333:schedule/shepherd-dev/" + NAME + "\"}")));

        assertThat(real.createSchedule(escalation(NAME, "shepherd-dev")).scheduleArn()).endsWith("/shepherd-dev/" + NAME);
        wire.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(equalToJson("""
                {"GroupName": "shepherd-dev", "ScheduleExpression": "at(2025-06-18T09:56:08)",
                 "ScheduleExpressionTimezone": "UTC", "FlexibleTimeWindow": {"Mode": "OFF"},
                 "ActionAfterCompletion": "DELETE",
                 "Target": {"Arn": "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-alarm-responder",
                            "RoleArn": "arn:aws:iam::111122223333:role/shepherd-scheduler",
                            "Input": "{\\"shepherd\\":\\"alarm-escalation\\",\\"step\\":1}"},
                 "ClientToken": "${json-unit.any-string}"}""")));
        assertThat(fake.createSchedule(escalation(NAME, "shepherd-dev")).scheduleArn()).endsWith("/shepherd-dev/" + NAME);
    }

    @Test
    void createScheduleErrorsMapLikeTheFake() {
        fake.createSchedule(escalation(NAME, "shepherd-dev"));
        sameErrorOnTheWire(post(urlPathEqualTo(PATH)), () -> fake.createSchedule(escalation(NAME, "shepherd-dev")),
                () -> real.createSchedule(escalation(NAME, "shepherd-dev")));
        sameErrorOnTheWire(post(urlPathEqualTo(PATH)), () -> fake.createSchedule(escalation(NAME, "nope")),
                () -> real.createSchedule(escalation(NAME, "nope")));
        sameErrorOnTheWire(post(urlPathEqualTo("/schedules/bad")),
                () -> fake.createSchedule(escalation("bad", "shepherd-dev").toBuilder().scheduleExpression("at(tomorrow)").build()),
                () -> real.createSchedule(escalation("bad", "shepherd-dev").toBuilder().scheduleExpression("at(tomorrow)").build()));
    }

    @Test
    void getSchedule() {
        wire.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"Name": "%s", "GroupName": "shepherd-dev", "ScheduleExpression": "at(2025-06-18T09:56:08)",
                         "State": "ENABLED", "ActionAfterCompletion": "DELETE", "CreationDate": 1750239668.5,
                         "Target": {"Arn": "arn:aws:lambda:eu-west-1:111122223333:function:f", "RoleArn": "arn:aws:iam::111122223333:role/r",
                                    "Input": "{}"}}""".formatted(NAME))));

        var schedule = real.getSchedule(r -> r.name(NAME).groupName("shepherd-dev"));

        assertThat(schedule.target().input()).isEqualTo("{}");
        assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        wire.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("groupName", equalTo("shepherd-dev")));
        sameErrorOnTheWire(get(urlPathEqualTo(PATH)), () -> fake.getSchedule(r -> r.name(NAME).groupName("shepherd-dev")),
                () -> real.getSchedule(r -> r.name(NAME).groupName("shepherd-dev")));
    }

    @Test
    void deleteSchedule() {
        wire.stubFor(delete(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));

        real.deleteSchedule(r -> r.name(NAME).groupName("shepherd-dev"));

        wire.verify(deleteRequestedFor(urlPathEqualTo(PATH)).withQueryParam("groupName", equalTo("shepherd-dev"))
                .withQueryParam("clientToken", matching(".+")));
        sameErrorOnTheWire(delete(urlPathEqualTo(PATH)), () -> fake.deleteSchedule(r -> r.name(NAME).groupName("shepherd-dev")),
                () -> real.deleteSchedule(r -> r.name(NAME).groupName("shepherd-dev")));
    }

    @Test
    void listSchedulesFollowsPages() {
        String prefix = "shepherd-esc-3f2a9c0d1e4b5a69-1750239667318-";
        wire.stubFor(get(urlPathEqualTo("/schedules")).withQueryParam("NextToken", equalTo("p2")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Schedules\":[{\"Name\":\"" + prefix + "2\",\"GroupName\":\"shepherd-dev\"}]}")));
        wire.stubFor(get(urlPathEqualTo("/schedules")).atPriority(2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Schedules\":[{\"Name\":\"" + prefix + "1\",\"GroupName\":\"shepherd-dev\"}],\"NextToken\":\"p2\"}")));

        List<String> names = real.listSchedulesPaginator(r -> r.groupName("shepherd-dev").namePrefix(prefix)).schedules()
                .stream().map(ScheduleSummary::name).toList();

        assertThat(names).containsExactly(prefix + "1", prefix + "2");
        wire.verify(2, getRequestedFor(urlPathEqualTo("/schedules")).withQueryParam("ScheduleGroup", equalTo("shepherd-dev"))
                .withQueryParam("NamePrefix", equalTo(prefix)));
        sameErrorOnTheWire(get(urlPathEqualTo("/schedules")), () -> fake.listSchedules(r -> r.groupName("nope")),
                () -> real.listSchedules(r -> r.groupName("nope")));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> post(urlPathEqualTo(PATH)), List.of(restError(429, "ThrottlingException", "Rate exceeded"),
                restError(500, "InternalServerException", "internal"),
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ScheduleArn\":\"arn\"}")));

        assertThat(real.createSchedule(escalation(NAME, "shepherd-dev")).scheduleArn()).isEqualTo("arn");
        assertThat(requests()).hasSize(3);
    }
}
