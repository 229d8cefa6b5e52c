package dev.shepherd.core;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records each API call (once, before any retry) in a {@link CallJournal}. */
final class RecordingInterceptor implements ExecutionInterceptor {
    private final CallJournal journal;
    private final String service;

    RecordingInterceptor(CallJournal journal, String service) {
        this.journal = journal;
        this.service = service;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        journal.record(service, operation != null ? operation : ServiceNames.operation(context.request()), context.request());
    }
}
