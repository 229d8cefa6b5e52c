package dev.shepherd.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming: a CRaC resource that runs a function's canned hot path once before the snapshot, so the
 * snapshot holds loaded, initialised and JIT-warmed classes. The work must have no effect outside itself: SDK
 * calls go through {@link #offline} clients, which answer from memory and send nothing, so priming needs no
 * credentials, makes no AWS call and reads no secret. Nothing is kept, so {@link #afterRestore} has nothing to
 * refresh and nothing unique (ids, random values, timestamps) survives into the snapshot.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** Placeholder keys: offline clients still sign, so the signer is primed, but nothing leaves the process. */
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming"));

    private final Runnable work;

    public Priming(Runnable work) {
        this.work = work;
    }

    /**
     * Registers the work with the global CRaC context. The context holds only a weak reference: the caller keeps
     * the returned resource for as long as the function lives.
     */
    public static Priming register(Runnable work) {
        Priming priming = new Priming(work);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            work.run();
            LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // An unprimed snapshot is only slower; a thrown error would fail the version's publication.
            LOG.warn("priming failed, the snapshot is taken unprimed: {}", e.getClass().getName());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Priming keeps nothing, so there is nothing to refresh.
    }

    /**
     * A real SDK client (marshalling, signing, unmarshalling), outside the call journal, whose HTTP client answers every call with
     * {@code status} and {@code body} from memory. Close it after use.
     */
    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends SdkClient> C offline(
            B builder, String region, String contentType, String body) {
        builder.httpClient(new CannedHttp(contentType, body))
                .region(Region.of(region))
                .credentialsProvider(PLACEHOLDER)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        return builder.build();
    }

    private record CannedHttp(String contentType, String body) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    // Read what the SDK marshalled, as the real client would, so the content path is primed too.
                    request.contentStreamProvider().ifPresent(content -> drain(content.newStream()));
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .headers(Map.of("Content-Type", java.util.List.of(contentType),
                                            "Content-Length", java.util.List.of(Integer.toString(bytes.length))))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        private static void drain(InputStream in) {
            try (in) {
                in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
