package dev.shepherd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.shepherd.core.Json;
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

    /** The call whose arrival ends "event to stop": the responder stopping a CodeDeploy deployment. */
    static final String STOP_CALL = "CodeDeploy:StopDeployment";
    /** REST-JSON operations have no operation header: named here by method and path prefix. */
    private static final Map<String, String> REST_OPERATIONS = Map.of("POST /schedules/", "Scheduler:CreateSchedule");

    /**
     * One invocation as the stub saw it; nanos are {@link System#nanoTime()}.
     *
     * @param stopNanos arrival of the invocation's first {@link #STOP_CALL}, -1 when it made none
     */
    record Invocation(String requestId, long servedNanos, long respondedNanos, long stopNanos) {
        double millis() {
            return (respondedNanos - servedNanos) / 1e6;
        }

        /** Event handed over to the stop call received; null when the invocation stopped nothing. */
        Double eventToStopMillis() {
            return stopNanos < 0 ? null : (stopNanos - servedNanos) / 1e6;
        }
    }

    private record AwsCall(String name, long arrivedNanos) {
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
    private final List<AwsCall> awsCalls = new ArrayList<>();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private long servedNanos;

    /**
     * @param awsResponses canned bodies by file name: {@code <Operation>.json} for JSON-protocol and the REST-JSON
     *                     operations the stub knows (any other operation gets {@code {}}), or
     *                     {@code <Operation>/<Name>.json} for a request whose {@code Name} is that (an SSM
     *                     parameter, without its leading slash); {@code <Action>.xml} for the inside of a
     *                     query-protocol result element (any other action gets an empty result)
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
        return awsCalls.stream().map(AwsCall::name).toList();
    }

    private void route(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(RUNTIME)) {
                aws(exchange, arrived);
            } else if (path.equals(RUNTIME + "restore/next")) {
                // A SnapStart init: the runtime client ran the CRaC hooks before asking to be restored.
                send(exchange, 200, "{}", "application/json");
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
            long served = servedNanos;
            long stop = awsCalls.stream().filter(c -> c.name().equals(STOP_CALL) && c.arrivedNanos() >= served)
                    .mapToLong(AwsCall::arrivedNanos).findFirst().orElse(-1);
            done.add(new Invocation(requestId, served, arrived, stop));
        }
        send(exchange, 202, "{}", "application/json");
    }

    private void aws(HttpExchange exchange, long arrived) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "bench-request");
        if (target != null) {
            // JSON protocol 1.0 (DynamoDB) or 1.1: "CodeDeploy_20141006.StopDeployment", "DynamoDB_20120810.PutItem";
            // answered in the version asked in.
            String operation = target.substring(target.lastIndexOf('.') + 1);
            record(target.substring(0, target.indexOf('_') > 0 ? target.indexOf('_') : target.lastIndexOf('.'))
                    + ":" + operation, arrived);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            send(exchange, 200, json(operation, body), contentType == null ? "application/x-amz-json-1.1" : contentType);
        } else if (body.startsWith("Action=") || body.contains("&Action=")) {
            // Query protocol (ELBv2, CloudWatch, SNS): an empty result element parses as an empty response.
            String action = formValue(body, "Action");
            record("query:" + action, arrived);
            send(exchange, 200, "<" + action + "Response><" + action + "Result>"
                    + awsResponses.getOrDefault(action + ".xml", "") + "</" + action + "Result><ResponseMetadata>"
                    + "<RequestId>bench</RequestId></ResponseMetadata></" + action + "Response>", "text/xml");
        } else {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String operation = REST_OPERATIONS.entrySet().stream().filter(e -> call.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            record(operation == null ? call : operation, arrived);
            send(exchange, 200, operation == null ? "{}" : awsResponses.getOrDefault(
                    operation.substring(operation.indexOf(':') + 1) + ".json", "{}"), "application/json");
        }
    }

    /** The canned answer to a JSON-protocol call: by the request's {@code Name} when one is canned, else by operation. */
    private String json(String operation, String body) {
        if (body.contains("\"Name\"")) {
            JsonNode name = Json.parse(body).path("Name");
            String named = name.isTextual() ? awsResponses.get(operation + "/"
                    + name.asText().replaceFirst("^/", "") + ".json") : null;
            if (named != null) {
                return named;
            }
        }
        return awsResponses.getOrDefault(operation + ".json", "{}");
    }

    private synchronized void record(String call, long arrived) {
        awsCalls.add(new AwsCall(call, arrived));
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
