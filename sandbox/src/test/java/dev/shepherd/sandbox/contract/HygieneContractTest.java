package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;

/**
 * Secrets Manager {@code ListSecrets} / {@code DescribeSecret} (rotation fields) and SSM {@code DescribeParameters}
 * (JSON 1.1) on the wire versus {@code FakeSecretsManager} / {@code FakeSsm}: requests, AWS-shaped answers with epoch
 * timestamps, errors, throttling.
 */
class HygieneContractTest extends ContractTest {
    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/orders-db-Ab12Cd";
    static final String ROTATOR = "arn:aws:lambda:eu-west-1:123456789012:function:shepherd-secret-rotation";
    Sandbox sandbox;
    SecretsManagerClient fakeSecrets;
    SsmClient fakeSsm;

    @BeforeEach
    void clients() {
        sandbox = new Sandbox().load(Json.parse("""
                {"secretsmanager": {"secrets": [
                   {"name": "app/orders-db", "arn": "%s", "value": "v", "rotationEnabled": true, "tags": {"env": "prod"},
                    "metadata": {"RotationRules": {"AutomaticallyAfterDays": 30, "Duration": "2h"}, "RotationLambdaARN": "%s",
                                 "LastRotatedDate": "2025-11-01T00:00:00Z", "NextRotationDate": "2025-12-01T00:00:00Z",
                                 "CreatedDate": "2025-01-01T00:00:00Z", "LastChangedDate": "2025-11-01T00:00:00Z"}},
                   {"name": "app/legacy", "value": "v", "tags": {"env": "dev"},
                    "metadata": {"CreatedDate": "2025-02-01T00:00:00Z"}}]},
                 "ssm": {"parameters": [
                   {"Name": "/shepherd/prod/db/url", "Type": "String", "Value": "x", "LastModifiedDate": "2025-11-01T00:00:00Z"},
                   {"Name": "/shepherd/prod/db/password", "Type": "SecureString", "Value": "hunter2", "Version": 3,
                    "LastModifiedDate": "2025-11-02T00:00:00Z", "Tier": "Advanced"}]}}""".formatted(ARN, ROTATOR)));
        fakeSecrets = sandbox.client(SecretsManagerClient.class);
        fakeSsm = sandbox.client(SsmClient.class);
    }

    @Test
    void listSecretsWithATagFilterAndRotationFields() {
        wire.stubFor(jsonCall("secretsmanager.ListSecrets").withRequestBody(equalToJson("""
                {"MaxResults":100,"Filters":[{"Key":"tag-value","Values":["prod"]}]}""")).willReturn(json("""
                {"SecretList":[{"ARN":"%s","Name":"app/orders-db","RotationEnabled":true,"RotationLambdaARN":"%s",
                  "RotationRules":{"AutomaticallyAfterDays":30,"Duration":"2h"},"LastRotatedDate":1761955200,
                  "LastChangedDate":1761955200,"NextRotationDate":1764547200,"Tags":[{"Key":"env","Value":"prod"}],
                  "SecretVersionsToStages":{"0b1c2d3e-0000-4000-8000-000000000001":["AWSCURRENT"]},
                  "CreatedDate":1735689600}]}""".formatted(ARN, ROTATOR))));

        var request = software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest.builder().maxResults(100)
                .filters(f -> f.key(FilterNameStringType.TAG_VALUE).values("prod")).build();
        SecretListEntry fromWire = real(SecretsManagerClient.class).listSecrets(request).secretList().getFirst();
        List<SecretListEntry> fromFake = fakeSecrets.listSecrets(request).secretList();

        assertThat(fromFake).hasSize(1);
        assertThat(withoutVersionIds(fromWire)).isEqualTo(withoutVersionIds(fromFake.getFirst()));
        assertThat(List.copyOf(fromWire.secretVersionsToStages().values()))
                .isEqualTo(List.copyOf(fromFake.getFirst().secretVersionsToStages().values()));
        assertThat(fromWire.nextRotationDate()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
    }

    private static SecretListEntry withoutVersionIds(SecretListEntry e) {
        return e.toBuilder().secretVersionsToStages(null).build();
    }

    @Test
    void aSecretNeverRotatedHasNoRotationFields() {
        wire.stubFor(jsonCall("secretsmanager.DescribeSecret").willReturn(json("""
                {"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/legacy-Zz99Yy","Name":"app/legacy",
                 "LastChangedDate":1738368000,"Tags":[{"Key":"env","Value":"dev"}],
                 "VersionIdsToStages":{"0b1c2d3e-0000-4000-8000-000000000002":["AWSCURRENT"]},"CreatedDate":1738368000}""")));

        var fromWire = real(SecretsManagerClient.class).describeSecret(r -> r.secretId("app/legacy"));
        var fromFake = fakeSecrets.describeSecret(r -> r.secretId("app/legacy"));

        for (var answer : List.of(fromWire, fromFake)) {
            assertThat(answer.rotationEnabled()).isNull();
            assertThat(answer.lastRotatedDate()).isNull();
            assertThat(answer.nextRotationDate()).isNull();
            assertThat(answer.createdDate()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(answer.lastChangedDate()).isEqualTo(answer.createdDate());
        }
    }

    @Test
    void listSecretsErrorsMapLikeTheFake() {
        assertWireErrorLikeFake(jsonCall("secretsmanager.ListSecrets"), false,
                () -> fakeSecrets.listSecrets(r -> r.nextToken("not-a-token")),
                () -> real(SecretsManagerClient.class).listSecrets(r -> r.nextToken("not-a-token")));
        assertWireErrorLikeFake(jsonCall("secretsmanager.ListSecrets"), false,
                () -> fakeSecrets.listSecrets(r -> r.filters(f -> f.key("colour").values("x"))),
                () -> real(SecretsManagerClient.class).listSecrets(r -> r.filters(f -> f.key("colour").values("x"))));
    }

    @Test
    void describeParametersMetadataOnly() {
        wire.stubFor(jsonCall("AmazonSSM.DescribeParameters").withRequestBody(equalToJson("""
                {"ParameterFilters":[{"Key":"Path","Option":"Recursive","Values":["/shepherd/prod"]}],"MaxResults":50}"""))
                .willReturn(json("""
                {"Parameters":[
                  {"Name":"/shepherd/prod/db/password","ARN":"arn:aws:ssm:eu-west-1:123456789012:parameter/shepherd/prod/db/password",
                   "Type":"SecureString","KeyId":"alias/aws/ssm","LastModifiedDate":1762041600,"Version":3,"Tier":"Advanced",
                   "DataType":"text"},
                  {"Name":"/shepherd/prod/db/url","ARN":"arn:aws:ssm:eu-west-1:123456789012:parameter/shepherd/prod/db/url",
                   "Type":"String","LastModifiedDate":1761955200,"Version":1,"Tier":"Standard","DataType":"text"}]}""")));

        var request = software.amazon.awssdk.services.ssm.model.DescribeParametersRequest.builder().maxResults(50)
                .parameterFilters(f -> f.key("Path").option("Recursive").values("/shepherd/prod")).build();
        List<ParameterMetadata> fromWire = real(SsmClient.class).describeParameters(request).parameters();

        assertThat(fromWire).isEqualTo(fakeSsm.describeParameters(request).parameters());
        assertThat(fromWire.toString()).doesNotContain("hunter2");
    }

    @Test
    void describeParametersErrorsMapLikeTheFake() {
        var real = real(SsmClient.class);
        assertWireErrorLikeFake(jsonCall("AmazonSSM.DescribeParameters"), false,
                () -> fakeSsm.describeParameters(r -> r.parameterFilters(f -> f.key("Colour").values("x"))),
                () -> real.describeParameters(r -> r.parameterFilters(f -> f.key("Colour").values("x"))));
        assertWireErrorLikeFake(jsonCall("AmazonSSM.DescribeParameters"), false,
                () -> fakeSsm.describeParameters(r -> r.parameterFilters(f -> f.key("Path").option("Equals").values("/x"))),
                () -> real.describeParameters(r -> r.parameterFilters(f -> f.key("Path").option("Equals").values("/x"))));
        assertWireErrorLikeFake(jsonCall("AmazonSSM.DescribeParameters"), false,
                () -> fakeSsm.describeParameters(r -> r.parameterFilters(f -> f.key("Type").values("Text"))),
                () -> real.describeParameters(r -> r.parameterFilters(f -> f.key("Type").values("Text"))));
        assertWireErrorLikeFake(jsonCall("AmazonSSM.DescribeParameters"), false,
                () -> fakeSsm.describeParameters(r -> r.nextToken("bogus")), () -> real.describeParameters(r -> r.nextToken("bogus")));
    }

    @Test
    void describeParametersFollowsAnEmptyPageWithAToken() {
        stubSequence(() -> jsonCall("AmazonSSM.DescribeParameters"), List.of(
                json("{\"Parameters\":[],\"NextToken\":\"t2\"}"),
                json("{\"Parameters\":[{\"Name\":\"/shepherd/prod/a\",\"Type\":\"String\",\"Version\":1}]}")));

        var names = real(SsmClient.class).describeParametersPaginator(r -> r.maxResults(10)).stream()
                .flatMap(page -> page.parameters().stream()).map(ParameterMetadata::name).toList();

        assertThat(names).containsExactly("/shepherd/prod/a");
        assertThat(requests().get(0).getBodyAsString()).as("newest first").contains("\"NextToken\":\"t2\"");
    }

    @Test
    void throttlingIsRetried() {
        stubSequence(() -> jsonCall("secretsmanager.ListSecrets"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"SecretList\":[]}")));
        assertThat(real(SecretsManagerClient.class).listSecrets(r -> { }).secretList()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}
