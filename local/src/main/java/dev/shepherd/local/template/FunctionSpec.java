package dev.shepherd.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code AWS::Serverless::Function} as deployed: its properties with {@code Globals.Function} applied.
 *
 * @param environment the merged {@code Environment.Variables} mapping, intrinsics not yet resolved
 */
public record FunctionSpec(String logicalId, String handler, String codeUri, int timeoutSeconds,
        JsonNode environment) {

    /** The handler's class name ({@code pkg.Cls::method} → {@code pkg.Cls}). */
    public String handlerClass() {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }
}
