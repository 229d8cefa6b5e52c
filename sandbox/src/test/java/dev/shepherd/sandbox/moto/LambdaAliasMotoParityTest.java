package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda {@code GetAlias}/{@code UpdateAlias} with a weighted routing config: the fake versus moto, which stores and
 * returns the routing config. Not compared, because moto does not implement them: {@code RevisionId} (moto neither
 * changes it nor checks it) and the routing rules (moto accepts two additional versions, or the primary as one).
 */
class LambdaAliasMotoParityTest extends MotoParityTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/orders-fn-role";

    LambdaClient fake;
    LambdaClient real;

    @BeforeEach
    void seed() throws Exception {
        fake = new Sandbox().load(Json.parse("""
                {"lambda": {"functions": {"orders-fn": {"versions": {"1": {}, "2": {}},
                   "aliases": {"live": {"FunctionVersion": "1", "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.1}}}}}}}}"""))
                .client(LambdaClient.class);
        real = onMoto(LambdaClient.class);
        moto.query("iam", "Action=CreateRole&Version=2010-05-08&RoleName=orders-fn-role&AssumeRolePolicyDocument=%7B%7D");
        real.createFunction(r -> r.functionName("orders-fn").runtime(Runtime.JAVA21).role(ROLE).handler("x.Handler")
                .code(c -> c.zipFile(zip("v1"))).publish(true));
        real.updateFunctionCode(r -> r.functionName("orders-fn").zipFile(zip("v2")).publish(true));
        real.createAlias(r -> r.functionName("orders-fn").name("live").functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.1))));
    }

    private static SdkBytes zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("handler.txt"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    static List<Object> alias(LambdaClient client) {
        var alias = client.getAlias(r -> r.functionName("orders-fn").name("live"));
        return List.of(alias.name(), alias.functionVersion(), alias.routingConfig().additionalVersionWeights());
    }

    @Test
    void aWeightedAliasAndItsShiftBack() {
        List<Object> weighted = sameAnswer(fake, real, LambdaAliasMotoParityTest::alias);
        assertThat(weighted).containsExactly("live", "1", Map.of("2", 0.1));

        List<Object> back = sameAnswer(fake, real, c -> {
            var updated = c.updateAlias(r -> r.functionName("orders-fn").name("live").functionVersion("1")
                    .routingConfig(rc -> rc.additionalVersionWeights(Map.of())));
            return List.<Object>of(updated.functionVersion(), updated.routingConfig().additionalVersionWeights());
        });

        assertThat(back).containsExactly("1", Map.of());
        List<Object> after = sameAnswer(fake, real, LambdaAliasMotoParityTest::alias);
        assertThat(after).containsExactly("live", "1", Map.of());
    }

    @Test
    void anUnknownAlias() {
        sameError(fake, real, c -> c.getAlias(r -> r.functionName("orders-fn").name("nope")));
    }
}
