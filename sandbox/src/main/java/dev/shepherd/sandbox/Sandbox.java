package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A whole AWS account in memory: one fake per service Shepherd calls, all journaling into one
 * {@link CallJournal}, seeded from scenario files ({@code events/scenarios/*.json}).
 */
public final class Sandbox implements ClientSource {
    /** The sandbox account's Region: {@link #client(Class)} answers there, and the fakes' ARNs name it. */
    public static final String HOME_REGION = "eu-west-1";

    private final CallJournal journal;
    private final Map<Class<?>, FakeService> fakes = new LinkedHashMap<>();
    private final Map<String, Sandbox> members = new LinkedHashMap<>();

    public Sandbox() {
        this(CallJournal.recording());
    }

    public Sandbox(CallJournal journal) {
        this.journal = journal;
        for (FakeService fake : List.<FakeService>of(
                new FakeCodeDeploy(journal),
                new FakeElasticLoadBalancing(journal),
                new FakeCloudWatch(journal),
                new FakeSsm(journal),
                new FakeSecretsManager(journal),
                new FakeLambda(journal),
                new FakeEcs(journal),
                new FakeApplicationAutoScaling(journal),
                new FakeRds(journal),
                new FakeDynamoDb(journal),
                new FakeScheduler(journal),
                new FakeSns(journal),
                new FakeCostExplorer(journal),
                new FakeBudgets(journal),
                new FakeAccount(journal),
                new FakeBackup(journal),
                new FakeCloudTrail(journal),
                new FakeS3(journal))) {
            fakes.put(fake.getClass().getInterfaces()[0], fake);
        }
    }

    public CallJournal journal() {
        return journal;
    }

    @Override
    public <T extends SdkClient> T client(Class<T> type) {
        FakeService fake = fakes.get(type);
        if (fake == null) {
            throw new UnsupportedOperationException("the sandbox has no fake for " + type.getSimpleName());
        }
        return type.cast(fake);
    }

    /**
     * A client built in {@code region}: the fake itself in {@link #HOME_REGION}, a Regional fake's view of another
     * Region, a refusing client in a Region the account has not enabled (see {@link FakeAccount}). A fake that keeps
     * one Region's state only is not handed out for another Region, so a call there fails loudly.
     */
    @Override
    public <T extends SdkClient> T client(Class<T> type, Region region) {
        if (!fake(FakeAccount.class).usable(region.id())) {
            return DisabledRegion.client(type, journal);
        }
        T home = client(type);
        if (region.id().equals(HOME_REGION)) {
            return home;
        }
        if (home instanceof Regional regional) {
            return type.cast(regional.inRegion(region.id()));
        }
        throw new UnsupportedOperationException("the sandbox's " + home.getClass().getSimpleName() + " keeps "
                + HOME_REGION + " only, not " + region.id());
    }

    /**
     * Another account's sandbox, made on first use and sharing this one's journal: where a test seeds what a member
     * account holds. (Its fakes' ARNs still name the sandbox's own account.)
     */
    public synchronized Sandbox member(String account) {
        return members.computeIfAbsent(account, a -> new Sandbox(journal));
    }

    /**
     * The member account's sandbox the role is in, as {@code sts:AssumeRole} (journaled) would give its credentials;
     * a role in an account no test made a {@link #member} of is refused as STS refuses a role that does not trust
     * the caller, {@code AccessDenied} (403).
     */
    @Override
    public synchronized ClientSource assumingRole(String roleArn, String sessionName) {
        AssumeRoleRequest request = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName).build();
        journal.record("sts", "AssumeRole", request);
        String[] parts = roleArn.split(":");
        Sandbox member = parts.length == 6 ? members.get(parts[4]) : null;
        if (member == null) {
            throw FakeService.error(StsException.builder(), "AccessDenied", 403, "User is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn);
        }
        return member;
    }

    /** The same fake: fakes are called in-process and never retry. */
    @Override
    public <T extends SdkClient> T clientWithoutRetries(Class<T> type) {
        return client(type);
    }

    /** The fake itself, for seeding and inspecting state in tests. */
    public <F extends FakeService> F fake(Class<F> fakeType) {
        return fakes.values().stream().filter(fakeType::isInstance).map(fakeType::cast).findFirst().orElseThrow();
    }

    /**
     * Seeds every service named in the scenario; an unknown top-level key is an error, not ignored.
     * {@code environment} (the functions' variables, for the local runner) is not the sandbox's to read.
     */
    public Sandbox load(JsonNode scenario) {
        scenario.fieldNames().forEachRemaining(key -> {
            if (key.equals("description") || key.equals("environment")) {
                return;
            }
            FakeService fake = fakes.values().stream().filter(f -> f.scenarioKey().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("scenario names unknown service '" + key
                            + "'; known: " + fakes.values().stream().map(FakeService::scenarioKey).toList()));
            fake.load(scenario.get(key));
        });
        return this;
    }

    public Sandbox load(Path scenarioFile) {
        try {
            return load(Json.parse(Files.readString(scenarioFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + scenarioFile, e);
        }
    }
}
