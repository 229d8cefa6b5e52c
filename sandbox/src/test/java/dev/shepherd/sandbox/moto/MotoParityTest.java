package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;

/**
 * Base of the moto parity suites: the same scenario is seeded into a sandbox fake and, through the real
 * SDK, into a {@code moto_server}; then both must answer each question the same way.
 */
abstract class MotoParityTest {
    static MotoServer moto;
    /** Why moto is not there, once a start was tried and skipped; every test of the class then skips with it. */
    private static String skipped;

    @BeforeAll
    static void startMoto() throws Exception {
        skipped = null;
        try {
            moto = MotoServer.start();
        } catch (TestAbortedException e) {
            skipped = e.getMessage().replaceFirst("^Assumption failed: ", "");
            return;
        }
        System.setProperty("aws.endpointUrl", moto.endpoint());
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "moto-parity");
    }

    @AfterAll
    static void stopMoto() throws Exception {
        System.clearProperty("aws.endpointUrl");
        if (moto != null) {
            moto.close();
            moto = null;
        }
    }

    @BeforeEach
    void resetMoto() throws Exception {
        Assumptions.assumeTrue(skipped == null, skipped);
        moto.reset();
    }

    /** See {@link MotoServer#warmUp}; nothing to do where moto is absent (the tests skip). */
    static void warmUp(String service, String contentType, String target, String body) throws Exception {
        if (moto != null) {
            moto.warmUp(service, contentType, target, body);
        }
    }

    static <T extends SdkClient> T onMoto(Class<T> type) {
        return onMoto(type, "eu-west-1");
    }

    static <T extends SdkClient> T onMoto(Class<T> type, String region) {
        return new AwsClients(Map.of("AWS_REGION", region), CallJournal.recording()).client(type);
    }

    /** Asks the fake and moto the same question and expects the same answer. */
    static <C, R> R sameAnswer(C fakeClient, C motoClient, Function<C, R> question) {
        R fromFake = question.apply(fakeClient);
        assertThat(fromFake).as("the fake answers as moto does").isEqualTo(question.apply(motoClient));
        return fromFake;
    }

    /** Expects the fake and moto to fail the same way: the SDK's exception class and the error code. */
    static <C> void sameError(C fakeClient, C motoClient, Function<C, ?> question) {
        assertThat(errorOf(fakeClient, question)).as("the fake fails as moto does").isEqualTo(errorOf(motoClient, question));
    }

    private static <C> String errorOf(C client, Function<C, ?> question) {
        try {
            question.apply(client);
        } catch (AwsServiceException e) {
            return e.getClass().getSimpleName() + ":" + e.awsErrorDetails().errorCode();
        }
        return fail("expected an error from " + client.getClass().getSimpleName());
    }
}
