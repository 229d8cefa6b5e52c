package dev.shepherd.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One thing to measure: a handler, the jars it runs from (ahead of the runtime client), the deployable
 * jars whose size is reported, the event it receives and the environment it adds to Lambda's.
 *
 * @param name       short name in the table
 * @param about      what it is, one line
 * @param handler    the handler string given to the runtime client
 * @param classPath  the subject's own jars, in order
 * @param deployable the jars counted as its package size
 * @param event      the event file served to both invocations
 * @param env        variables beyond the ones every subject gets
 * @param jvmArgs    JVM options beyond the Lambda-like ones
 */
record Subject(String name, String about, String handler, List<Path> classPath, List<Path> deployable, Path event,
               Map<String, String> env, List<String> jvmArgs) {

    Subject {
        classPath = List.copyOf(classPath);
        deployable = List.copyOf(deployable);
        env = Map.copyOf(env);
        jvmArgs = List.copyOf(jvmArgs);
    }

    Subject withJvmArgs(String suffix, String extraAbout, List<String> extra) {
        var args = new ArrayList<>(jvmArgs);
        args.addAll(extra);
        return new Subject(name + suffix, about + extraAbout, handler, classPath, deployable, event, env, args);
    }
}
