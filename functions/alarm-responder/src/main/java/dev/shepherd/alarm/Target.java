package dev.shepherd.alarm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something an alarm can stop: a CodeDeploy deployment group, an ECS service (native blue/green deployments) or a
 * Lambda alias (a weighted shift outside CodeDeploy). Whoever can tag an alarm can name one, so a target is only ever
 * a name: what happens to it is fixed here and in {@link DeploymentStopper} (stop with rollback, nothing else), and
 * IAM decides which ones the function may touch.
 */
public sealed interface Target {

    /** Short, for the notice, e.g. {@code CodeDeploy orders/orders-dg}. */
    String describe();

    record DeploymentGroup(String application, String group) implements Target {
        @Override
        public String describe() {
            return "CodeDeploy " + application + "/" + group;
        }
    }

    /** @param service the service name, or its full ARN when the target named one */
    record EcsService(String cluster, String service) implements Target {
        @Override
        public String describe() {
            return "ECS " + cluster + "/" + service.substring(service.lastIndexOf('/') + 1);
        }
    }

    record LambdaAlias(String function, String alias) implements Target {
        @Override
        public String describe() {
            return "Lambda " + function + ":" + alias;
        }
    }

    /**
     * The three ways to name a target, each with its tag key and its key in the SSM mapping, and the one syntax both
     * use. Names follow each service's own limits, so a malformed entry is refused here rather than sent to AWS.
     */
    enum Kind {
        /** {@code application/group}; CodeDeploy names are 1-100 letters, digits and {@code . _ + = , @ -}. */
        CODEDEPLOY("shepherd:codedeploy", "codedeploy", "application/group") {
            @Override
            Target parse(String text) {
                Matcher m = GROUP.matcher(text);
                return m.matches() ? new DeploymentGroup(m.group(1), m.group(2)) : null;
            }
        },
        /** {@code cluster/service} or {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<service>}. */
        ECS_SERVICE("shepherd:ecs-service", "ecs-service", "cluster/service or a service ARN with its cluster") {
            @Override
            Target parse(String text) {
                Matcher arn = SERVICE_ARN.matcher(text);
                if (arn.matches()) {
                    return new EcsService(arn.group(1), text);
                }
                Matcher m = SERVICE.matcher(text);
                return m.matches() ? new EcsService(m.group(1), m.group(2)) : null;
            }
        },
        /** {@code function:alias}; an alias is never all digits (that is a version) and never {@code $LATEST}. */
        LAMBDA_ALIAS("shepherd:lambda-alias", "lambda-alias", "function:alias") {
            @Override
            Target parse(String text) {
                Matcher m = ALIAS.matcher(text);
                return m.matches() ? new LambdaAlias(m.group(1), m.group(2)) : null;
            }
        };

        private static final Pattern GROUP = Pattern.compile("([A-Za-z0-9._+=,@-]{1,100})/([A-Za-z0-9._+=,@-]{1,100})");
        private static final String ECS_NAME = "([A-Za-z0-9_-]{1,255})";
        private static final Pattern SERVICE = Pattern.compile(ECS_NAME + "/" + ECS_NAME);
        private static final Pattern SERVICE_ARN = Pattern.compile(
                "arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:service/" + ECS_NAME + "/[A-Za-z0-9_-]{1,255}");
        private static final Pattern ALIAS = Pattern.compile(
                "([A-Za-z0-9_-]{1,64}):((?![0-9]+$)[A-Za-z0-9_-]{1,128})");

        private final String tagKey;
        private final String mappingKey;
        private final String syntax;

        Kind(String tagKey, String mappingKey, String syntax) {
            this.tagKey = tagKey;
            this.mappingKey = mappingKey;
            this.syntax = syntax;
        }

        public String tagKey() {
            return tagKey;
        }

        public String mappingKey() {
            return mappingKey;
        }

        /** The target an entry names, or null when it is malformed. */
        abstract Target parse(String text);

        /** Why an entry is refused, for the notice; quotes at most 80 characters of it (it is the tagger's text). */
        String refusal(String where, String text) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
            return where + " '" + shown + "' is not " + syntax;
        }
    }
}
