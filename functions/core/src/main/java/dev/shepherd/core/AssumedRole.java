package dev.shepherd.core;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials of a role assumed through STS. Its own class so that STS (an optional dependency of core) is
 * loaded only by the functions that assume roles.
 */
final class AssumedRole {
    private AssumedRole() {
    }

    static AwsCredentialsProvider credentials(ClientSource clients, String roleArn, String sessionName) {
        StsClient sts = clients.client(StsClient.class);
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(900))
                .build();
    }
}
