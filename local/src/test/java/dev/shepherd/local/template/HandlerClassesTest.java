package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each function's Handler exists, is built as its CodeUri says, and takes the event its trigger sends. */
class HandlerClassesTest {
    /**
     * What each handler's trigger delivers. Hooks read raw JSON (CodeDeploy and ECS shapes are told apart
     * from the bytes), as do the responder and the budget guard (SNS, EventBridge and their own schedules'
     * input through core's envelope decoder); Secrets Manager sends a rotation event. A handler missing here is a new function
     * whose event type this test must learn.
     */
    private static final Map<String, Type> EVENT_OF_HANDLER = Map.of(
            "dev.shepherd.hook.DeploymentHookHandler", InputStream.class,
            "dev.shepherd.rotation.SecretRotationHandler", InputStream.class,
            "dev.shepherd.alarm.AlarmResponderHandler", InputStream.class,
            "dev.shepherd.budget.BudgetGuardHandler", InputStream.class,
            "dev.shepherd.compliance.ComplianceCheckHandler", InputStream.class);

    private static final Template TEMPLATE = Template.load(RepoFiles.template());

    @Test
    void everyFunctionHandlerExistsWithTheLambdaInterfaceForItsEvent() {
        List<String> problems = new ArrayList<>();
        for (String id : TEMPLATE.functionIds()) {
            FunctionSpec function = TEMPLATE.function(id);
            problems.addAll(handlerProblems(function));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCodeUriIsTheLambdaJarItsModuleBuilds() throws Exception {
        List<String> problems = new ArrayList<>();
        Pattern artifact = Pattern.compile("<artifactId>(shepherd-[a-z-]+)</artifactId>");
        for (String id : TEMPLATE.functionIds()) {
            String codeUri = TEMPLATE.function(id).codeUri();
            Matcher m = Pattern.compile("functions/([a-z-]+)/target/(.+)").matcher(codeUri);
            if (!m.matches()) {
                problems.add(id + ": CodeUri " + codeUri + " is not functions/<module>/target/<jar>");
                continue;
            }
            Path pom = RepoFiles.root().resolve("functions").resolve(m.group(1)).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                problems.add(id + ": CodeUri names module " + m.group(1) + ", which has no pom.xml");
                continue;
            }
            String text = Files.readString(pom);
            Matcher a = artifact.matcher(text.substring(Math.max(0, text.indexOf("</parent>"))));
            String version = versionOf(Files.readString(RepoFiles.root().resolve("pom.xml")));
            if (!a.find() || !m.group(2).equals(a.group(1) + "-" + version + "-lambda.jar")) {
                problems.add(id + ": CodeUri jar " + m.group(2) + " is not what functions/" + m.group(1)
                        + " builds (<artifactId>-" + version + "-lambda.jar)");
            }
            if (!text.contains("maven-shade-plugin")) {
                problems.add(id + ": functions/" + m.group(1) + " does not build the shaded -lambda jar");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckRejectsAHandlerOfTheWrongShape() {
        FunctionSpec wrong = new FunctionSpec("Wrong", "dev.shepherd.rotation.SecretRotationHandler::handleRequest",
                "", 3, JsonNodeFactory.instance.objectNode());
        List<String> asPojo = handlerProblems(wrong, SecretsManagerRotationEvent.class);
        assertThat(asPojo).singleElement().asString().contains("RequestHandler<");

        FunctionSpec missing = new FunctionSpec("Gone", "dev.shepherd.hook.NoSuchHandler", "", 3,
                JsonNodeFactory.instance.objectNode());
        assertThat(handlerProblems(missing, InputStream.class)).singleElement().asString().contains("not on the class path");

        FunctionSpec badMethod = new FunctionSpec("Method", "dev.shepherd.hook.DeploymentHookHandler::handle", "", 3,
                JsonNodeFactory.instance.objectNode());
        assertThat(handlerProblems(badMethod, InputStream.class)).singleElement().asString().contains("no public method handle");
    }

    private static List<String> handlerProblems(FunctionSpec function) {
        Type expected = EVENT_OF_HANDLER.get(function.handlerClass());
        if (expected == null) {
            return List.of(function.logicalId() + ": " + function.handlerClass()
                    + " is not in EVENT_OF_HANDLER; add the event type its trigger sends");
        }
        return handlerProblems(function, expected);
    }

    private static List<String> handlerProblems(FunctionSpec function, Type event) {
        String where = function.logicalId() + ": " + function.handlerClass();
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            return List.of(where + " is not on the class path");
        }
        List<String> problems = new ArrayList<>();
        if (!Modifier.isPublic(type.getModifiers()) || Arrays.stream(type.getConstructors())
                .noneMatch(c -> c.getParameterCount() == 0)) {
            problems.add(where + " needs to be public with a public no-argument constructor (Lambda builds it so)");
        }
        if (event == InputStream.class) {
            if (!RequestStreamHandler.class.isAssignableFrom(type)) {
                problems.add(where + " must implement RequestStreamHandler (its trigger's JSON is read raw)");
            }
        } else {
            Type input = requestHandlerInput(type);
            if (input == null) {
                problems.add(where + " must implement RequestHandler<" + event.getTypeName() + ", ?>");
            } else if (!input.equals(event)) {
                problems.add(where + " takes " + input.getTypeName() + " but its trigger sends " + event.getTypeName());
            }
        }
        String method = function.handler().contains("::") ? function.handler().split("::")[1] : "handleRequest";
        boolean found = Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(method) && lambdaSignature(m));
        if (!found) {
            problems.add(where + " has no public method " + method + " with a Lambda handler signature");
        }
        return problems;
    }

    private static boolean lambdaSignature(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return (p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class)
                || (p.length == 2 && p[1] == Context.class);
    }

    private static Type requestHandlerInput(Class<?> type) {
        for (Type iface : type.getGenericInterfaces()) {
            if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return p.getActualTypeArguments()[0];
            }
        }
        return null;
    }

    private static String versionOf(String parentPom) {
        Matcher m = Pattern.compile("<artifactId>shepherd-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parentPom);
        return m.find() ? m.group(1) : "?";
    }
}
