package dev.shepherd.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one way Shepherd builds real AWS clients: one shared {@link UrlConnectionHttpClient} (smallest
 * cold start, no Apache or Netty on the class path), the region from {@code AWS_REGION}, explicit
 * timeouts, standard retries (none for {@link #clientWithoutRetries}), and a {@link RecordingInterceptor} on every
 * client. Endpoint overrides
 * come only through the SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}),
 * which the SDK reads itself.
 */
public final class AwsClients implements ClientSource {
    /** Per attempt; Lambda handlers keep their own deadline on top of this. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Socket reads of calls without retries: such a call (a smoke Invoke) runs for as long as the function it calls,
     * so the caller bounds it per request; 15 minutes is Lambda's longest timeout.
     */
    static final Duration UNRETRIED_SOCKET_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Clients from service modules older than the SDK core (see the parent pom): built without an endpoint, their
     * builders resolve one eagerly from the SDK's metadata of every service (about 300 classes at init). They get
     * their standard regional endpoint instead, unless the SDK's own endpoint settings name one. Values: the
     * service's {@code AWS_ENDPOINT_URL_<id>} suffix.
     */
    private static final Map<String, String> OLDER_MODULES = Map.of(
            "software.amazon.awssdk.services.codedeploy.CodeDeployClient", "CODEDEPLOY",
            "software.amazon.awssdk.services.cloudwatch.CloudWatchClient", "CLOUDWATCH",
            "software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient",
            "APPLICATION_AUTO_SCALING",
            "software.amazon.awssdk.services.backup.BackupClient", "BACKUP");

    /**
     * Global services, also from older modules: one endpoint for the whole aws partition, signed for us-east-1, so
     * their clients are built in {@link #GLOBAL_SERVICE_REGION} whatever the function's region. Values: the
     * {@code AWS_ENDPOINT_URL_<id>} suffix and the endpoint. Other partitions have other endpoints and are refused.
     */
    private static final Map<String, Global> GLOBAL_SERVICES = Map.of(
            "software.amazon.awssdk.services.costexplorer.CostExplorerClient",
            new Global("COST_EXPLORER", "https://ce.us-east-1.amazonaws.com"),
            "software.amazon.awssdk.services.budgets.BudgetsClient",
            new Global("BUDGETS", "https://budgets.amazonaws.com"),
            "software.amazon.awssdk.services.account.AccountClient",
            new Global("ACCOUNT", "https://account.us-east-1.amazonaws.com"));
    static final Region GLOBAL_SERVICE_REGION = Region.US_EAST_1;

    private record Global(String id, String endpoint) {
    }

    private final Map<String, String> env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private volatile SdkHttpClient unretriedHttp;
    private final CallJournal journal;
    private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<Class<?>, SdkClient> clientsWithoutRetries = new ConcurrentHashMap<>();
    private final Map<Map.Entry<Class<?>, Region>, SdkClient> regionalClients = new ConcurrentHashMap<>();

    /**
     * @param env     the environment: {@code AWS_REGION} is required; inside Lambda
     *                ({@code AWS_LAMBDA_FUNCTION_NAME} set) credentials come from what Lambda injects (see
     *                {@link #credentials}), elsewhere from the SDK's default chain.
     * @param journal receives every call made through these clients
     */
    public AwsClients(Map<String, String> env, CallJournal journal) {
        String regionName = env.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            throw new ConfigException(java.util.List.of("AWS_REGION is not set (the region every AWS client uses)"));
        }
        this.env = Map.copyOf(env);
        this.region = Region.of(regionName);
        this.credentials = credentials(env);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build();
        this.journal = journal;
    }

    /** The same Region, HTTP client and journal, signed with other credentials. */
    private AwsClients(AwsClients base, AwsCredentialsProvider credentials) {
        this.env = base.env;
        this.region = base.region;
        this.credentials = credentials;
        this.http = base.http;
        this.journal = base.journal;
    }

    /**
     * Credentials come from STS in the function's own Region (a regional endpoint: tokens from the global one are
     * refused in opt-in Regions), fetched at the first call and refreshed before they expire.
     */
    @Override
    public ClientSource assumingRole(String roleArn, String sessionName) {
        return new AwsClients(this, AssumedRole.credentials(this, roleArn, sessionName));
    }

    /**
     * Lambda gives a SnapStart function a container credentials endpoint (refreshed after each restore) and an
     * on-demand one the access-key variables; the choice is made at init so a function with neither fails there.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (!env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            return DefaultCredentialsProvider.builder().build();
        }
        String fullUri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (fullUri != null && !fullUri.isBlank()) {
            if (blank(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN") && blank(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
                throw new ConfigException(java.util.List.of("AWS_CONTAINER_CREDENTIALS_FULL_URI is set but neither "
                        + "AWS_CONTAINER_AUTHORIZATION_TOKEN nor AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is"));
            }
            // The SDK's provider takes the full URI and the token only from the process (system property, then
            // environment variable); refuse a platform environment that says otherwise rather than sign with
            // credentials from somewhere else.
            if (!Objects.equals(fullUri, SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.getStringValue().orElse(null))) {
                throw new ConfigException(java.util.List.of("AWS_CONTAINER_CREDENTIALS_FULL_URI differs from the "
                        + "process environment's, which the SDK's container credentials provider reads"));
            }
            return ContainerCredentialsProvider.builder().build();
        }
        if (!blank(env, "AWS_ACCESS_KEY_ID") && !blank(env, "AWS_SECRET_ACCESS_KEY")) {
            // The variables Lambda set at init, taken from env itself (the SDK's environment provider would read
            // System.getenv, not the platform's env); they do not change while the process lives.
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))
                    : AwsSessionCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), token));
        }
        throw new ConfigException(java.util.List.of("no credentials in the Lambda environment: neither "
                + "AWS_CONTAINER_CREDENTIALS_FULL_URI (SnapStart) nor AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set"));
    }

    private static boolean blank(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank();
    }

    @Override
    public <T extends SdkClient> T client(Class<T> type) {
        return type.cast(clients.computeIfAbsent(type, t -> build(t, true, region)));
    }

    @Override
    public <T extends SdkClient> T client(Class<T> type, Region in) {
        if (in.equals(region)) {
            return client(type);
        }
        return type.cast(regionalClients.computeIfAbsent(Map.entry(type, in), key -> build(type, true, in)));
    }

    @Override
    public <T extends SdkClient> T clientWithoutRetries(Class<T> type) {
        return type.cast(clientsWithoutRetries.computeIfAbsent(type, t -> build(t, false, region)));
    }

    private synchronized SdkHttpClient unretriedHttp() {
        if (unretriedHttp == null) {
            unretriedHttp = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(UNRETRIED_SOCKET_TIMEOUT).build();
        }
        return unretriedHttp;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private SdkClient build(Class<?> type, boolean retries, Region in) {
        Object builder = builder(type);
        ((AwsSyncClientBuilder) builder).httpClient(retries ? http : unretriedHttp());
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (retries) {
            override.retryStrategy(RetryMode.STANDARD);
        } else {
            override.retryStrategy(AwsRetryStrategy.doNotRetry());
        }
        AwsClientBuilder aws = (AwsClientBuilder) builder;
        aws.region(region(type, in))
                .credentialsProvider(credentials)
                .overrideConfiguration(override
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .addExecutionInterceptor(new RecordingInterceptor(journal, ServiceNames.iamPrefix(type)))
                        .build());
        standardEndpoint(type, in).ifPresent(aws::endpointOverride);
        return (SdkClient) ((software.amazon.awssdk.utils.builder.SdkBuilder) builder).build();
    }

    /**
     * {@code XClient.builder()}, found by a method handle on its exact type ({@code XClientBuilder}).
     * {@code Class.getMethod} would do, but it reflects every public method of the interface, which loads the
     * request, response and exception classes of all its operations (CodeDeploy: ~150 classes per client).
     */
    private static Object builder(Class<?> type) {
        try {
            Class<?> builderType = Class.forName(type.getName() + "Builder", false, type.getClassLoader());
            return MethodHandles.publicLookup().findStatic(type, "builder", MethodType.methodType(builderType))
                    .invoke();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not an AWS SDK v2 client interface", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("building a " + type.getSimpleName() + " builder failed", e);
        }
    }

    /**
     * The partition's DNS suffix. Written out because the SDK's own table ({@code PartitionMetadata}) loads the
     * metadata of every service, which is what this avoids.
     */
    static String dnsSuffix(String regionId) {
        if (regionId.startsWith("cn-")) {
            return "amazonaws.com.cn";
        }
        if (regionId.startsWith("us-isob-")) {
            return "sc2s.sgov.gov";
        }
        if (regionId.startsWith("us-isof-")) {
            return "csp.hci.ic.gov";
        }
        if (regionId.startsWith("us-iso-")) {
            return "c2s.ic.gov";
        }
        if (regionId.startsWith("eu-isoe-")) {
            return "cloud.adc-e.uk";
        }
        return regionId.startsWith("eusc-") ? "amazonaws.eu" : "amazonaws.com";
    }

    /** The region a client is built in: the function's, or {@link #GLOBAL_SERVICE_REGION} for a global service. */
    Region region(Class<?> type) {
        return region(type, region);
    }

    private static Region region(Class<?> type, Region in) {
        if (!GLOBAL_SERVICES.containsKey(type.getName())) {
            return in;
        }
        if (!dnsSuffix(in.id()).equals("amazonaws.com")) {
            throw new IllegalStateException(type.getSimpleName() + " is reached only in the aws partition, not from "
                    + in.id());
        }
        return GLOBAL_SERVICE_REGION;
    }

    /**
     * {@code https://<endpoint prefix>.<region>.<partition DNS suffix>} for an older module's client, the fixed
     * endpoint for a global service's.
     */
    Optional<URI> standardEndpoint(Class<?> type) {
        return standardEndpoint(type, region);
    }

    private Optional<URI> standardEndpoint(Class<?> type, Region in) {
        Global global = GLOBAL_SERVICES.get(type.getName());
        String id = global != null ? global.id() : OLDER_MODULES.get(type.getName());
        // FIPS and dual-stack endpoints come only from the SDK's rules, which refuse them next to an override.
        if (id == null || env.containsKey("AWS_ENDPOINT_URL") || env.containsKey("AWS_ENDPOINT_URL_" + id)
                || System.getProperty("aws.endpointUrl") != null
                || "true".equalsIgnoreCase(env.get("AWS_USE_FIPS_ENDPOINT"))
                || "true".equalsIgnoreCase(env.get("AWS_USE_DUALSTACK_ENDPOINT"))) {
            return Optional.empty();
        }
        if (global != null) {
            return Optional.of(URI.create(global.endpoint()));
        }
        try {
            String prefix = (String) type.getField("SERVICE_METADATA_ID").get(null);
            return Optional.of(URI.create("https://" + prefix + "." + in.id() + "." + dnsSuffix(in.id())));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no SERVICE_METADATA_ID", e);
        }
    }
}
