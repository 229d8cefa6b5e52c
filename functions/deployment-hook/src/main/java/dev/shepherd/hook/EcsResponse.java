package dev.shepherd.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an ECS lifecycle hook returns: only the documented fields, never a null. {@code callBackDelay} is
 * whole seconds and, like {@code hookDetails}, present only with IN_PROGRESS.
 */
public record EcsResponse(String hookStatus, Integer callBackDelay, ObjectNode hookDetails) {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String IN_PROGRESS = "IN_PROGRESS";

    public static EcsResponse succeeded() {
        return new EcsResponse(SUCCEEDED, null, null);
    }

    public static EcsResponse failed() {
        return new EcsResponse(FAILED, null, null);
    }

    public static EcsResponse inProgress(int callBackDelay, ObjectNode hookDetails) {
        return new EcsResponse(IN_PROGRESS, callBackDelay, hookDetails);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("hookStatus", hookStatus);
        if (callBackDelay != null) {
            node.put("callBackDelay", callBackDelay.intValue());
        }
        if (hookDetails != null) {
            node.set("hookDetails", hookDetails);
        }
        return node;
    }
}
