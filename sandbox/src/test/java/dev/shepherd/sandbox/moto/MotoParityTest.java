package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;

/**
 * Base of the moto parity suites: the same scenario is seeded into a sandbox fake and, through the real
 * SDK, into a {@code moto_server}; then both must answer each question the same way.
 */
abstract class MotoParityTest {
    private static MotoSdk sdk;
    /** The class's moto_server; null where moto is absent (every test of the class then skips with the reason). */
    static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        sdk = MotoSdk.start();
        moto = sdk.running() ? sdk.server() : null;
    }

    @AfterAll
    static void stopMoto() throws Exception {
        sdk.close();
        moto = null;
    }

    @BeforeEach
    void resetMoto() throws Exception {
        moto = sdk.server();
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
