package dev.shepherd.bench;

import java.util.List;

/**
 * What one fresh JVM showed.
 *
 * @param initMs       process start to the runtime client's first poll for an event (Lambda's Init Duration)
 * @param invokeMs     each invocation, event handed over to response received (Lambda's Duration)
 * @param peakRssKb    VmHWM of the process once the last invocation was answered
 * @param classesAtInit classes loaded by the first poll (only when counted, else -1)
 * @param classesTotal classes loaded after the last invocation (only when counted, else -1)
 * @param classesShared of those, how many came from the CDS archive or AOT cache (only when counted, else -1)
 * @param awsCalls     AWS requests the loopback endpoint received
 * @param eventToStopMs each invocation, event handed over to its first {@code StopDeployment} received (null when it
 *                     made none): how long a release that is going wrong keeps going
 */
record Sample(double initMs, List<Double> invokeMs, long peakRssKb, int classesAtInit, int classesTotal,
              int classesShared, List<String> awsCalls, List<Double> eventToStopMs) {

    double coldTotalMs() {
        return initMs + invokeMs.get(0);
    }
}
