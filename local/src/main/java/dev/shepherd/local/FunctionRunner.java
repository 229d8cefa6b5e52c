package dev.shepherd.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Platform;
import dev.shepherd.local.template.FunctionSpec;
import dev.shepherd.local.template.Template;
import dev.shepherd.local.template.TemplateException;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * Runs one function of the template in-process as the Lambda Java runtime would: the template's
 * environment, the handler built through its no-argument constructor (after {@link Platform#install}, so
 * it picks up the given clients), the event deserialised by {@code aws-lambda-java-serialization} for
 * POJO handlers or passed as raw bytes to a {@link RequestStreamHandler}, and the template's Timeout.
 */
public final class FunctionRunner {
    static final String DEFAULT_REGION = "eu-west-1";

    private final Template template;
    private final String region;
    private final Clock clock;
    private final Map<String, String> overrides;
    private final Map<String, Map<String, String>> scenarioEnvironment;

    /**
     * @param region    the AWS_REGION the function sees
     * @param overrides environment variables set on top of the template's, for local runs only (like
     *                  {@code sam local invoke --env-vars}), e.g. letting HTTP checks reach loopback servers
     */
    public FunctionRunner(Template template, String region, Clock clock, Map<String, String> overrides) {
        this(template, region, clock, overrides, Map.of());
    }

    private FunctionRunner(Template template, String region, Clock clock, Map<String, String> overrides,
            Map<String, Map<String, String>> scenarioEnvironment) {
        this.template = template;
        this.region = region;
        this.clock = clock;
        this.overrides = Map.copyOf(overrides);
        this.scenarioEnvironment = Map.copyOf(scenarioEnvironment);
    }

    /**
     * This runner with a scenario's function variables between the template's and the overrides (added to any
     * scenario's before). A function the template does not have is an error: it is a typo, not a wish.
     */
    FunctionRunner withScenario(Scenario scenario) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>(scenarioEnvironment);
        scenario.environment().forEach((id, variables) -> {
            if (!template.functionIds().contains(id)) {
                throw new TemplateException("the scenario's environment names '" + id
                        + "', which is not a function of the template; functions: " + template.functionIds());
            }
            Map<String, String> vars = new LinkedHashMap<>(merged.getOrDefault(id, Map.of()));
            vars.putAll(variables);
            merged.put(id, vars);
        });
        return new FunctionRunner(template, region, clock, overrides, merged);
    }

    /** The region of this process ({@code AWS_REGION}), or {@value #DEFAULT_REGION}. */
    public static String regionFrom(Map<String, String> processEnv) {
        String region = processEnv.get("AWS_REGION");
        return region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    /**
     * What the function's environment holds when deployed (Globals and its own variables, plus AWS_REGION), then
     * what the scenario sets for it, then the overrides.
     */
    public Map<String, String> environment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>(
                template.intrinsics(region).strings(function.environment(), function.logicalId() + ".Environment"));
        env.put("AWS_REGION", region);
        env.putAll(scenarioEnvironment.getOrDefault(function.logicalId(), Map.of()));
        env.putAll(overrides);
        return env;
    }

    public FunctionSpec function(String logicalId) {
        return template.function(logicalId);
    }

    /**
     * Invokes the function once on {@code event} with AWS calls going to {@code clients}.
     *
     * @return the response as JSON text, {@code null} (the JSON literal) when there is none
     * @throws FunctionError        when the function failed (init, deserialisation, handler, timeout)
     * @throws TemplateException    when the template cannot say how to run it
     */
    public String invoke(String logicalId, byte[] event, ClientSource clients) throws FunctionError {
        FunctionSpec function = template.function(logicalId);
        Map<String, String> env = environment(function);
        printMetricsLocally(env.get("POWERTOOLS_SERVICE_NAME"));
        Platform previous = Platform.install(new Platform(env, clients, clock));
        try {
            // Init runs under the same bound as the invocation: a constructor that hangs must not hang the runner.
            return withTimeout(function, () -> {
                Object handler = construct(function);
                return handle(handler, event, new LocalContext(logicalId, clock, function.timeoutSeconds() * 1000L));
            });
        } finally {
            Platform.install(previous);
        }
    }

    /**
     * Outside Lambda the EMF library looks for a CloudWatch agent and warns of an unknown service on every flush;
     * locally the function's metrics are printed with its logs instead, under its own service name. (The library
     * reads its settings from the process environment, which Java cannot set, hence its configuration object.)
     */
    private static void printMetricsLocally(String serviceName) {
        Configuration emf = EnvironmentConfigurationProvider.getConfig();
        emf.setEnvironmentOverride(Environments.Local);
        if (serviceName != null) {
            emf.setServiceName(serviceName);
        }
    }

    private static Object construct(FunctionSpec function) throws FunctionError {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new TemplateException(function.logicalId() + ": handler class " + function.handlerClass()
                    + " is not on the class path");
        }
        if (!RequestStreamHandler.class.isAssignableFrom(type) && !RequestHandler.class.isAssignableFrom(type)) {
            throw new TemplateException(function.logicalId() + ": " + type.getName()
                    + " implements neither RequestHandler nor RequestStreamHandler");
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw failure("init of " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TemplateException(function.logicalId() + ": " + type.getName()
                    + " needs a public no-argument constructor (" + e + ")");
        }
    }

    private interface Invocation {
        String run() throws Throwable;
    }

    /** Lambda stops a function at its Timeout; so does the local run, rather than hang. */
    private static String withTimeout(FunctionSpec function, Invocation invocation) throws FunctionError {
        AtomicReference<String> response = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().daemon().name("handler-" + function.logicalId()).start(() -> {
            try {
                response.set(invocation.run());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        try {
            worker.join(function.timeoutSeconds() * 1000L);
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new FunctionError("interrupted while waiting for the handler", e);
        }
        if (worker.isAlive()) {
            worker.interrupt();
            throw new FunctionError("Task timed out after " + function.timeoutSeconds() + ".00 seconds", null);
        }
        Throwable t = thrown.get();
        if (t instanceof FunctionError fe) {
            throw fe;
        }
        if (t instanceof TemplateException te) {
            throw te;
        }
        if (t != null) {
            throw failure("handler threw", t);
        }
        return response.get();
    }

    private static String handle(Object handler, byte[] event, Context context) throws Throwable {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, context);
            return out.size() == 0 ? "null" : out.toString(StandardCharsets.UTF_8);
        }
        Method method = handleRequest(handler.getClass());
        Object input;
        try {
            input = serializer(method.getGenericParameterTypes()[0]).fromJson(new ByteArrayInputStream(event));
        } catch (RuntimeException e) {
            throw failure("the event does not deserialise into " + method.getGenericParameterTypes()[0].getTypeName(), e);
        }
        Object output;
        try {
            output = method.invoke(handler, input, context);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (output == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(output.getClass()).toJson(output, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The typed {@code handleRequest(I, Context)}, not the erased bridge the compiler adds. */
    private static Method handleRequest(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElseThrow(() -> new TemplateException(type.getName() + " has no handleRequest(input, Context)"));
    }

    /** As the runtime chooses: the event library's serialiser for AWS event types, plain Jackson otherwise. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(cls, cls.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static FunctionError failure(String what, Throwable cause) {
        return new FunctionError(what + ": " + cause.getClass().getName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
