package dev.shepherd.bench;

import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/**
 * The baseline a first attempt would ship: {@code CodeDeployClient.create()} with SDK defaults and no tuning
 * (Apache client picked from the class path, default credential chain, region and endpoint discovery).
 */
public class NaiveHookHandler extends MinimalHookHandler {
    public NaiveHookHandler() {
        super(CodeDeployClient.create());
    }
}
