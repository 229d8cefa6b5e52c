package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** The real handler a bench wrapper hands over to, named by {@code SHEPHERD_BENCH_TARGET}. */
final class Delegate {
    private Delegate() {
    }

    static RequestStreamHandler streamHandler() throws ReflectiveOperationException {
        String name = System.getenv("SHEPHERD_BENCH_TARGET");
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("SHEPHERD_BENCH_TARGET must name the handler class to run");
        }
        Object handler = Class.forName(name).getConstructor().newInstance();
        if (!(handler instanceof RequestStreamHandler stream)) {
            throw new IllegalStateException(name + " is not a RequestStreamHandler; bench wrappers wrap stream handlers only");
        }
        return stream;
    }
}
