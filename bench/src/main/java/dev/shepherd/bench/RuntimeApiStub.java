package dev.shepherd.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * One sample's world on loopback: the Lambda Runtime API (what the runtime interface client polls) and a
 * minimal AWS endpoint (what the SDK calls through {@code AWS_ENDPOINT_URL}). It serves the same event
 * {@code invocations} times and times each one from the moment the event is handed over to the moment the
 * response arrives, as Lambda's Duration does. The next poll after the last invocation is held open and
 * marks the sample {@link #idle() idle}: the handler is done and the process can be measured and stopped.
 */
final class RuntimeApiStub implements AutoCloseable {
    private static final String RUNTIME = "/2018-06-01/runtime/";

    /** One invocation as the stub saw it; nanos are {@link System#nanoTime()}. */
    record Invocation(String requestId, long servedNanos, long respondedNanos) {
        double millis() {
            return (respondedNanos - servedNanos) / 1e6;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "runtime-api-stub");
        t.setDaemon(true);
        return t;
    });
    private final byte[] event;
    private final int invocations;
    private final Map<String, String> awsResponses;
    private final IntConsumer onPoll;
    private final List<Long> polls = new ArrayList<>();
    private final List<Invocation> done = new ArrayList<>();
    private final List<String> awsCalls = new ArrayList<>();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private long servedNanos;

    /**
     * @param awsResponses canned bodies by file name: {@code <Operation>.json} for JSON-protocol services (any other
     *                     operation gets {@code {}}), {@code <Action>.xml} for the inside of a query-protocol
     *                     result element (any other action gets an empty result)
     * @param onPoll       called with the poll's index (0 = the first, ending init) as each poll arrives
     */
    RuntimeApiStub(byte[] event, int invocations, Map<String, String> awsResponses, IntConsumer onPoll)
            throws IOException {
        this.event = event.clone();
        this.invocations = invocations;
        this.awsResponses = Map.copyOf(awsResponses);
        this.onPoll = onPoll;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::route);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the handler has answered every invocation; fails on any init or invocation error. */
    CompletableFuture<Void> idle() {
        return idle;
    }

    synchronized long firstPollNanos() {
        return polls.isEmpty() ? -1 : polls.get(0);
    }

    synchronized List<Invocation> invocations() {
        return List.copyOf(done);
    }

    /** {@code service:Operation} (or the HTTP method and path) of every AWS request received. */
    synchronized List<String> awsCalls() {
        return List.copyOf(awsCalls);
    }

    private void route(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(RUNTIME)) {
                aws(exchange);
            } else if (path.equals(RUNTIME + "invocation/next")) {
                next(exchange, arrived);
            } else if (path.endsWith("/response")) {
                response(exchange, arrived, path);
            } else if (path.endsWith("/error")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                send(exchange, 202, "{}", "application/json");
                idle.completeExceptionally(new IllegalStateException("the function reported an error on " + path
                        + ": " + body));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown runtime API path\"}", "application/json");
            }
        } catch (RuntimeException | IOException e) {
            idle.completeExceptionally(e);
            throw e;
        }
    }

    private void next(HttpExchange exchange, long arrived) throws IOException {
        int index;
        synchronized (this) {
            index = polls.size();
            polls.add(arrived);
        }
        onPoll.accept(index);
        if (index >= invocations) {
            idle.complete(null);
            awaitRelease();
            return;
        }
        String requestId = "bench-" + index;
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 900_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:123456789012:function:shepherd-bench");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
        exchange.getResponseBody().close();
        synchronized (this) {
            servedNanos = System.nanoTime();
        }
    }

    private void response(HttpExchange exchange, long arrived, String path) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String requestId = path.substring((RUNTIME + "invocation/").length(), path.length() - "/response".length());
        synchronized (this) {
            done.add(new Invocation(requestId, servedNanos, arrived));
        }
        send(exchange, 202, "{}", "application/json");
    }

    private void aws(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "bench-request");
        if (target != null) {
            // JSON protocol: "CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus"
            String operation = target.substring(target.lastIndexOf('.') + 1);
            record(target.substring(0, target.indexOf('_') > 0 ? target.indexOf('_') : target.lastIndexOf('.'))
                    + ":" + operation);
            send(exchange, 200, awsResponses.getOrDefault(operation + ".json", "{}"), "application/x-amz-json-1.1");
        } else if (body.startsWith("Action=") || body.contains("&Action=")) {
            // Query protocol (ELBv2, CloudWatch): an empty result element parses as an empty response.
            String action = formValue(body, "Action");
            record("query:" + action);
            send(exchange, 200, "<" + action + "Response><" + action + "Result>"
                    + awsResponses.getOrDefault(action + ".xml", "") + "</" + action + "Result><ResponseMetadata>"
                    + "<RequestId>bench</RequestId></ResponseMetadata></" + action + "Response>", "text/xml");
        } else {
            record(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            send(exchange, 200, "{}", "application/json");
        }
    }

    private synchronized void record(String call) {
        awsCalls.add(call);
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("form body has no " + name);
    }

    private static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (InputStream ignored = exchange.getRequestBody(); var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
