package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Secrets Manager listing for rotation hygiene: {@code FakeSecretsManager} versus moto, each holding five secrets (one
 * scheduled for deletion). Compared: the names listed, in order, page by page with {@code MaxResults}, also in pages
 * of 100 over more than a hundred secrets; the {@code name}, {@code tag-key}, {@code tag-value} filters and a negated
 * name; {@code IncludePlannedDeletion}; {@code RotationEnabled} absent on a secret whose rotation was never
 * configured; the labels on each version, including a stuck rotation's {@code AWSPENDING} on a version of its own in
 * ListSecrets and DescribeSecret. Not compared: moto never sets {@code LastAccessedDate}, accepts {@code MaxResults}
 * 101, and sets {@code LastRotatedDate} on a rotation its Lambda never ran, so rotation dates are WireMock's
 * ({@code HygieneContractTest}).
 */
class SecretsListingMotoParityTest extends MotoParityTest {
    SecretsManagerClient fake;
    SecretsManagerClient real;

    @BeforeEach
    void seed() {
        real = onMoto(SecretsManagerClient.class);
        create("app/orders-db", "team", "orders", "env", "prod");
        create("app/payments-db", "team", "payments", "env", "prod");
        create("app/partner-api", "team", "orders", "env", "dev");
        create("ops/pager-token", "owner", "ops", "env", "prod");
        create("app/retired", "team", "orders", "env", "prod");
        real.deleteSecret(r -> r.secretId("app/retired").recoveryWindowInDays(7L));
        fake = new Sandbox().load(Json.parse("""
                {"secretsmanager": {"secrets": [
                  {"name": "app/orders-db", "value": "v", "tags": {"team": "orders", "env": "prod"}},
                  {"name": "app/payments-db", "value": "v", "tags": {"team": "payments", "env": "prod"}},
                  {"name": "app/partner-api", "value": "v", "tags": {"team": "orders", "env": "dev"}},
                  {"name": "ops/pager-token", "value": "v", "tags": {"owner": "ops", "env": "prod"}},
                  {"name": "app/retired", "value": "v", "tags": {"team": "orders", "env": "prod"}, "deleted": true}]}}"""))
                .client(SecretsManagerClient.class);
    }

    private void create(String name, String k1, String v1, String k2, String v2) {
        real.createSecret(r -> r.name(name).secretString("v").tags(t -> t.key(k1).value(v1), t -> t.key(k2).value(v2)));
    }

    /** Every page's names, one list per page. */
    private static List<List<String>> pages(SecretsManagerClient client, Consumer<ListSecretsRequest.Builder> request) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListSecretsResponse page = client.listSecrets(r -> {
                request.accept(r);
                r.nextToken(from);
            });
            pages.add(page.secretList().stream().map(SecretListEntry::name).toList());
            token = page.nextToken();
        } while (token != null);
        return pages;
    }

    private List<List<String>> bothList(Consumer<ListSecretsRequest.Builder> request) {
        return sameAnswer(fake, real, c -> pages(c, request));
    }

    @Test
    void pagesOfTwoInCreationOrderWithoutTheDeletedOne() {
        var answer = sameAnswer(fake, real, c -> pages(c, r -> r.maxResults(2)));
        assertThat(answer).containsExactly(List.of("app/orders-db", "app/payments-db"),
                List.of("app/partner-api", "ops/pager-token"));
    }

    @Test
    void plannedDeletionsOnlyWhenAskedFor() {
        var answer = sameAnswer(fake, real, c -> pages(c, r -> r.includePlannedDeletion(true)));
        assertThat(answer.getFirst()).contains("app/retired");
    }

    @Test
    void filtersByNameAndTags() {
        assertThat(bothList(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("app/"))))
                .containsExactly(List.of("app/orders-db", "app/payments-db", "app/partner-api"));
        assertThat(bothList(r -> r.filters(f -> f.key(FilterNameStringType.TAG_KEY).values("own"))))
                .containsExactly(List.of("ops/pager-token"));
        assertThat(bothList(r -> r.filters(
                f -> f.key(FilterNameStringType.TAG_KEY).values("team"),
                f -> f.key(FilterNameStringType.TAG_VALUE).values("orders"))))
                .containsExactly(List.of("app/orders-db", "app/partner-api"));
        assertThat(bothList(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("!app/"))))
                .containsExactly(List.of("ops/pager-token"));
    }

    @Test
    void rotationNeverConfiguredIsAbsentAndTheCurrentLabelIsShown() {
        var answer = sameAnswer(fake, real, c -> c.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME)
                .values("app/orders-db"))).secretList().stream()
                .map(e -> java.util.Arrays.asList(e.rotationEnabled(), List.copyOf(e.secretVersionsToStages().values()))).toList());
        assertThat(answer).containsExactly(java.util.Arrays.asList(null, List.of(List.of("AWSCURRENT"))));
        Boolean described = sameAnswer(fake, real, c -> c.describeSecret(r -> r.secretId("app/orders-db")).rotationEnabled());
        assertThat(described).isNull();
    }

    @Test
    void moreThanAHundredSecretsComeInPagesOfAHundred_edge1() {
        FakeSecretsManager seeded = (FakeSecretsManager) fake;
        for (int i = 0; i < 100; i++) {
            String name = "bulk/s-%03d".formatted(i);
            real.createSecret(r -> r.name(name).secretString("v"));
            seeded.seedSecret(name, "v", null);
        }

        var answer = sameAnswer(fake, real, c -> pages(c, r -> r.maxResults(100)));
        assertThat(answer).extracting(List::size).containsExactly(100, 4);
    }

    @Test
    void aStuckRotationShowsPendingOnAnotherVersionInBothViews_edge25() {
        String token = "11111111-2222-3333-4444-555555555555";
        for (SecretsManagerClient c : List.of(fake, real)) {
            c.putSecretValue(r -> r.secretId("app/orders-db").clientRequestToken(token).secretString("next")
                    .versionStages("AWSPENDING"));
        }

        var listed = sameAnswer(fake, real, c -> c.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME)
                .values("app/orders-db"))).secretList().getFirst().secretVersionsToStages().entrySet().stream()
                .map(e -> (e.getKey().equals(token) ? "token" : "other") + "=" + e.getValue()).sorted().toList());
        assertThat(listed).containsExactly("other=[AWSCURRENT]", "token=[AWSPENDING]");
        var described = sameAnswer(fake, real, c -> c.describeSecret(r -> r.secretId("app/orders-db"))
                .versionIdsToStages().entrySet().stream()
                .map(e -> (e.getKey().equals(token) ? "token" : "other") + "=" + e.getValue()).sorted().toList());
        assertThat(described).isEqualTo(listed);
    }
}
