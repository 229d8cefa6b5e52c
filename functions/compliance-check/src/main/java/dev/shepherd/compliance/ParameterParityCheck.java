package dev.shepherd.compliance;

import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Configuration parity: the parameters each environment must have exist in every environment with the same names
 * and types, and values that pass the validators the functions use at init. One check spans all the environments
 * of the {@link ParityPolicy} (each may live in its own account, so each has its own {@link Scope}) and judges
 * each relative name once (the resource id): missing in an environment, only in one, differing only in case (names
 * are case-sensitive, so that is two different names), or of another {@code Type} fails; a {@code Tier} or
 * {@code DataType} difference is noted and passes, since it may be by design ({@code KeyId} differs between
 * accounts by nature and is not compared).
 *
 * <p>The inventory is {@code DescribeParameters} (metadata only: no values, no KMS), recursive under each path, every
 * page, including the empty pages with a token SSM's best-effort paging produces. Values are read only for names
 * with a validator, with {@code GetParameter} and without decryption: a SecureString's value is not checked, which
 * is "cannot tell". A validator's problems are reported with every quoted fragment and URL taken out, as they can
 * quote the value. An environment whose listing fails makes the whole check "cannot tell".
 */
final class ParameterParityCheck extends ResourceCheck {
    static final String TYPE = "config-parity";
    private static final int PAGE = 50;
    private static final Pattern QUOTED = Pattern.compile("'.*'", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final Map<String, Scope> scopes;
    private final ParityPolicy policy;
    private final Map<String, ValueValidator> validators;

    /**
     * @param scopes     where each environment of the policy lives, by environment name
     * @param validators by relative name, e.g. {@link ValueValidator#CORE}
     */
    ParameterParityCheck(Map<String, Scope> scopes, ParityPolicy policy, Map<String, ValueValidator> validators,
            Targets targets, Findings findings, Clock clock) {
        super(firstScope(scopes, policy), targets, findings, clock);
        this.scopes = Map.copyOf(scopes);
        this.policy = policy;
        this.validators = Map.copyOf(validators);
    }

    private static Scope firstScope(Map<String, Scope> scopes, ParityPolicy policy) {
        for (String env : policy.environments().keySet()) {
            if (!scopes.containsKey(env)) {
                throw new IllegalArgumentException("no scope (account and Region) for environment " + env);
            }
        }
        return scopes.get(policy.environments().keySet().iterator().next());
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The environments compared: {@code dev,staging,prod}. */
    @Override
    public String name() {
        return String.join(",", policy.environments().keySet());
    }

    /** {@code dev,staging,prod:routes}: a relative name stands for that name in each environment. */
    @Override
    protected String resourceName(String id) {
        return name() + ":" + id;
    }

    @Override
    protected String what() {
        return "SSM parameters of " + name();
    }

    @Override
    protected String nothingFound() {
        return "no parameter under " + String.join(", ", policy.environments().values()) + " and none required";
    }

    /** What is found out about one relative name on the way to its result. */
    private record Observations(List<String> problems, List<String> notes, List<String> unchecked) {
        Observations() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    protected void evaluate(Deadline deadline) throws CheckFailure {
        Map<String, Map<String, ParameterMetadata>> listed = new LinkedHashMap<>();
        for (String env : policy.environments().keySet()) {
            listed.put(env, list(env, deadline));
        }
        Map<String, Observations> found = new TreeMap<>();
        Set<String> required = new LinkedHashSet<>(policy.required());
        if (policy.requiredListParameter() != null) {
            String list = policy.requiredListParameter();
            required.add(list);
            required.addAll(requiredByList(list, listed, found.computeIfAbsent(list, n -> new Observations())));
        }
        Set<String> names = new TreeSet<>(required);
        listed.values().forEach(m -> m.keySet().stream().filter(n -> !policy.ignored(n)).forEach(names::add));
        for (String name : names) {
            outOfTime(deadline);
            judge(name, required.contains(name), listed, found.computeIfAbsent(name, n -> new Observations()));
        }
    }

    /** Every parameter below the environment's path, by relative name. */
    private Map<String, ParameterMetadata> list(String env, Deadline deadline) throws CheckFailure {
        String path = policy.environments().get(env);
        SsmClient ssm = scopes.get(env).client(SsmClient.class);
        Map<String, ParameterMetadata> found = new TreeMap<>();
        String token = null;
        try {
            do {
                outOfTime(deadline);
                String from = token;
                DescribeParametersResponse page = ssm.describeParameters(r -> r.maxResults(PAGE).nextToken(from)
                        .parameterFilters(f -> f.key("Path").option("Recursive").values(path)));
                for (ParameterMetadata m : page.parameters()) {
                    if (m.name().startsWith(path + "/")) {
                        found.put(m.name().substring(path.length() + 1), m);
                    }
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            throw CheckFailure.cannotTell(AwsErrors.reason(e, where(env)));
        }
        return found;
    }

    /** The relative names the list parameter names, in each environment that has it. */
    private Set<String> requiredByList(String list, Map<String, Map<String, ParameterMetadata>> listed, Observations f) {
        Set<String> names = new LinkedHashSet<>();
        for (String env : listed.keySet()) {
            ParameterMetadata m = listed.get(env).get(list);
            if (m == null) {
                continue;
            }
            if (m.type() == ParameterType.SECURE_STRING) {
                f.problems().add("the required list is a SecureString in " + env + ", which this check does not "
                        + "decrypt; make it a StringList");
                continue;
            }
            String value;
            try {
                value = value(env, list);
            } catch (SdkException e) {
                f.unchecked().add(AwsErrors.reason(e, "GetParameter in " + env));
                continue;
            }
            String[] entries = value.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                if (ParityPolicy.RELATIVE_NAME.matcher(entry).matches()) {
                    names.add(entry);
                } else {
                    f.problems().add("the required list in " + env + ": entry " + (i + 1)
                            + " is not a relative parameter name");
                }
            }
        }
        return names;
    }

    private void judge(String name, boolean required, Map<String, Map<String, ParameterMetadata>> listed, Observations f) {
        List<String> envs = List.copyOf(listed.keySet());
        Map<String, ParameterMetadata> present = new LinkedHashMap<>();
        envs.forEach(env -> {
            ParameterMetadata m = listed.get(env).get(name);
            if (m != null) {
                present.put(env, m);
            }
        });
        List<String> missing = envs.stream().filter(env -> !present.containsKey(env)).toList();
        if (present.isEmpty()) {
            f.problems().add("required, but in no environment (" + String.join(", ", envs) + ")");
        } else if (!missing.isEmpty()) {
            List<String> have = List.copyOf(present.keySet());
            f.problems().add((have.size() == 1 ? "only in " + have.getFirst() + " (missing in " + String.join(", ", missing)
                    : "missing in " + String.join(", ", missing) + " (present in " + String.join(", ", have))
                    + ")" + (required ? "; it is required" : ""));
        }
        for (String env : missing) {
            listed.get(env).keySet().stream().filter(other -> other.equalsIgnoreCase(name) && !other.equals(name))
                    .forEach(twin -> f.problems().add(env + " has " + twin + ", which differs only in case (names "
                            + "are case-sensitive)"));
        }
        differs(present, ParameterMetadata::typeAsString, "Type").ifPresent(f.problems()::add);
        differs(present, m -> Objects.requireNonNullElse(m.tierAsString(), "Standard"), "Tier")
                .ifPresent(d -> f.notes().add(d + ", allowed"));
        differs(present, m -> Objects.requireNonNullElse(m.dataType(), "text"), "DataType")
                .ifPresent(d -> f.notes().add(d + ", allowed"));
        ValueValidator validator = validators.get(name);
        if (validator != null) {
            present.forEach((env, m) -> validate(env, name, m, validator, f));
        }
        report(name, present, validator != null, f);
    }

    /** "Type differs: dev String, prod SecureString" when the environments disagree. */
    private static Optional<String> differs(Map<String, ParameterMetadata> present,
            Function<ParameterMetadata, String> field, String what) {
        if (present.values().stream().map(field).distinct().count() < 2) {
            return Optional.empty();
        }
        return Optional.of(what + " differs: " + present.entrySet().stream()
                .map(e -> e.getKey() + " " + field.apply(e.getValue())).collect(Collectors.joining(", ")));
    }

    private void validate(String env, String name, ParameterMetadata m, ValueValidator validator, Observations f) {
        if (m.type() == ParameterType.SECURE_STRING) {
            f.unchecked().add("the value in " + env + " is a SecureString, which this check does not decrypt");
            return;
        }
        try {
            validator.validate(value(env, name), m.name());
        } catch (ConfigException e) {
            f.problems().add("invalid in " + env + ": " + e.problems().stream().map(ParameterParityCheck::unquoted)
                    .collect(Collectors.joining("; ")));
        } catch (SdkException e) {
            f.unchecked().add(AwsErrors.reason(e, "GetParameter in " + env));
        }
    }

    private void report(String name, Map<String, ParameterMetadata> present, boolean validated, Observations f) {
        String notes = f.notes().isEmpty() ? "" : "; " + String.join("; ", f.notes());
        String unchecked = f.unchecked().isEmpty() ? "" : "; value not checked: " + String.join("; ", f.unchecked());
        if (!f.problems().isEmpty()) {
            fail(name, String.join("; ", f.problems()) + unchecked + notes);
        } else if (!f.unchecked().isEmpty()) {
            cannotTell(name, "in every environment as " + present.values().iterator().next().typeAsString() + unchecked
                    + notes);
        } else {
            pass(name, "in every environment (" + String.join(", ", present.keySet()) + ") as "
                    + present.values().iterator().next().typeAsString() + (validated ? ", its value valid in each" : "")
                    + notes);
        }
    }

    /** A value is read only to validate it, and never leaves this class. */
    private String value(String env, String name) {
        String full = policy.environments().get(env) + "/" + name;
        return scopes.get(env).client(SsmClient.class).getParameter(r -> r.name(full).withDecryption(false))
                .parameter().value();
    }

    /** A validator's problem without what it quotes ({@code 'value'}) or any URL: either may be part of the value. */
    private static String unquoted(String problem) {
        return URL.matcher(QUOTED.matcher(problem).replaceAll("'…'")).replaceAll("…");
    }

    private String where(String env) {
        return "SSM in " + env + " (" + scopes.get(env).label() + ") under " + policy.environments().get(env);
    }

    private void outOfTime(Deadline deadline) throws CheckFailure {
        if (deadline.expired()) {
            throw CheckFailure.cannotTell(what() + ": ran out of time before every parameter was compared");
        }
    }
}
