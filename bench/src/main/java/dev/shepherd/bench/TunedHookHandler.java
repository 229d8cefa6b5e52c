package dev.shepherd.bench;

import dev.shepherd.core.Platform;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/** The same hook with the client Shepherd's core builds (URLConnection client, explicit region and credentials). */
public class TunedHookHandler extends MinimalHookHandler {
    public TunedHookHandler() {
        super(Platform.current().client(CodeDeployClient.class));
    }
}
