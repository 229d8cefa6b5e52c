package dev.shepherd.core.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one way Shepherd calls a URL that configuration names (hook checks, rotation test URLs, webhooks): HTTP/1.1
 * over a socket it opens itself to an address {@link AddressGuard} vetted, so nothing resolves the name a second
 * time. TLS verifies the chain and the host name (SNI and the certificate are the URL's host, not the address).
 * Redirects are returned, never followed. The whole exchange (connect, TLS, request, head and body) is bounded by one
 * timeout, and at most {@code maxBodyBytes} of the body are read: an endless or huge answer costs a bounded amount of
 * time and memory. Every request closes its connection.
 */
public final class GuardedHttp {
    /** The most any caller may read of a body: enough for a health document, small beside a Lambda's heap. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HEADERS = 128;
    private static final int MAX_INTERIM = 8;
    private static final Set<String> RESERVED_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "upgrade", "te", "expect", "keep-alive");

    private final AddressGuard guard;
    private final SSLSocketFactory tls;

    /** TLS with the JVM's trust store, set up on the first https call (it costs hundreds of classes at init). */
    public GuardedHttp(AddressGuard guard) {
        this(guard, null);
    }

    /** @param tls the TLS sockets to use (tests pass one that trusts their own CA) */
    public GuardedHttp(AddressGuard guard, SSLSocketFactory tls) {
        this.guard = guard;
        this.tls = tls;
    }

    /**
     * @param httpsOnly    refuse a plain-http URL (required wherever credentials or secrets travel)
     * @param maxBodyBytes how much of the body to read, 0 to read none; at most {@link #MAX_BODY_BYTES}
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body, boolean httpsOnly,
            int maxBodyBytes) {
        public Request {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body.clone();
            if (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("maxBodyBytes must be 0 to " + MAX_BODY_BYTES);
            }
        }

        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), null, false, 0);
        }

        public Request withHeaders(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(more);
            return new Request(method, uri, all, body, httpsOnly, maxBodyBytes);
        }

        public Request httpsRequired(boolean required) {
            return new Request(method, uri, headers, body, required, maxBodyBytes);
        }

        public Request readingAtMost(int bytes) {
            return new Request(method, uri, headers, body, httpsOnly, bytes);
        }
    }

    /**
     * @param headers   names in lower case; repeated headers keep every value
     * @param truncated the body was longer than what the request allowed to read (or not read at all)
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** {@code uri} without user info, query or fragment: what logs and messages may show of a configured URL. */
    public static String redact(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        String host = uri.getHost() == null ? "?" : uri.getHost();
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    public Response send(Request request, Duration timeout) throws HttpFailure, InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        URI uri = request.uri();
        String where = redact(uri);
        Target target = target(uri, request.httpsOnly(), where);
        validate(request, where);
        List<InetAddress> addresses = resolve(target.host(), deadline, where);
        try (Socket socket = connect(addresses, target, deadline, where)) {
            DeadlineInput in = new DeadlineInput(socket, deadline, where);
            OutputStream out = socket.getOutputStream();
            out.write(head(request, target));
            out.write(request.body());
            out.flush();
            return read(new BufferedInputStream(in, 8192), request, where);
        } catch (HttpFailure e) {
            throw e;
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while calling " + where);
            }
            throw new HttpFailure(HttpFailure.Kind.BROKEN, where + ": connection broke (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private record Target(boolean https, String host, int port, String hostHeader, boolean literal) {
    }

    private static Target target(URI uri, boolean httpsOnly, String where) throws HttpFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, where + " is not an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": a URL with user info is refused");
        }
        boolean https = scheme.equals("https");
        if (httpsOnly && !https) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": only https may be used here");
        }
        String host = uri.getHost();
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        int port = uri.getPort() < 0 ? (https ? 443 : 80) : uri.getPort();
        String hostHeader = host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new Target(https, literal && host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port,
                hostHeader, literal);
    }

    private static void validate(Request request, String where) throws HttpFailure {
        if (!request.method().matches("[A-Z]{1,16}")) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": method is not an HTTP method name");
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}")) {
                throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": header name '" + name + "' is not a token");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": header " + name + " is set by Shepherd");
            }
            if (h.getValue().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c > 0xff)) {
                // The value is not shown: it may be a credential.
                throw new HttpFailure(HttpFailure.Kind.REFUSED, where + ": header " + name
                        + " has a control or non-Latin-1 character");
            }
        }
    }

    /**
     * The vetted addresses, within the exchange's time: the JVM's resolver has no timeout of its own, and a name
     * server that never answers would otherwise hold the caller for as long as the system resolver retries.
     */
    private List<InetAddress> resolve(String host, long deadline, String where)
            throws HttpFailure, InterruptedException {
        CompletableFuture<List<InetAddress>> lookup = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                lookup.complete(guard.resolve(host));
            } catch (HttpFailure | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        });
        try {
            return lookup.get(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, where + ": the host name did not resolve in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpFailure failure) {
                throw failure;
            }
            throw new HttpFailure(HttpFailure.Kind.UNRESOLVED, where + ": the host name could not be resolved ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    private Socket connect(List<InetAddress> addresses, Target target, long deadline, String where)
            throws HttpFailure, InterruptedException {
        String last = "no address";
        for (InetAddress address : addresses) {
            int millis = (int) Math.min(CONNECT_TIMEOUT.toMillis(), remainingMillis(deadline));
            if (millis <= 0) {
                throw new HttpFailure(HttpFailure.Kind.TIMEOUT, where + ": out of time before connecting");
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), millis);
                socket.setTcpNoDelay(true);
                return target.https() ? handshake(socket, target, deadline) : socket;
            } catch (SSLException e) {
                close(socket);
                // A certificate or host name that does not verify is not cured by another address.
                throw new HttpFailure(HttpFailure.Kind.CONNECT, where + ": TLS failed (" + e.getMessage() + ")", e);
            } catch (SocketTimeoutException e) {
                close(socket);
                last = "connect timeout to " + address.getHostAddress();
            } catch (IOException e) {
                close(socket);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while connecting to " + where);
                }
                last = e.getClass().getSimpleName() + " from " + address.getHostAddress();
            }
        }
        throw new HttpFailure(HttpFailure.Kind.CONNECT, where + ": no connection (" + last + ")");
    }

    private Socket handshake(Socket plain, Target target, long deadline) throws IOException {
        SSLSocketFactory factory = tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls;
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.literal()) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
        socket.startHandshake();
        return socket;
    }

    private static byte[] head(Request request, Target target) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", target.hostHeader());
        headers.put("User-Agent", "shepherd");
        headers.put("Accept-Encoding", "identity");
        request.headers().forEach((name, value) -> {
            headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            headers.put(name, value);
        });
        headers.put("Connection", "close");
        if (request.body().length > 0 || !Set.of("GET", "HEAD", "OPTIONS").contains(request.method())) {
            headers.put("Content-Length", Integer.toString(request.body().length));
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in, Request request, String where) throws IOException {
        int status;
        Map<String, List<String>> headers;
        int interim = 0;
        int[] headBytes = {0};
        while (true) {
            status = statusLine(line(in, headBytes, where), where);
            headers = headers(in, headBytes, where);
            if (status >= 200 || status == 101) {
                break;
            }
            if (++interim > MAX_INTERIM) {
                throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": too many interim (1xx) answers");
            }
        }
        if (status == 101) {
            throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": the server switched protocols");
        }
        boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304;
        if (noBody) {
            return new Response(status, headers, new byte[0], false);
        }
        int limit = request.maxBodyBytes();
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (!encoding.isEmpty() && encoding.getLast().toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
            return chunked(in, status, headers, limit, headBytes, where);
        }
        long length = encoding.isEmpty() ? contentLength(headers, where) : -1;
        if (length == 0) {
            return new Response(status, headers, new byte[0], false);
        }
        if (limit == 0) {
            return new Response(status, headers, new byte[0], true);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        long wanted = length < 0 ? limit + 1L : Math.min(length, limit);
        copy(in, body, wanted, length >= 0, where);
        boolean truncated = length < 0 ? body.size() > limit : length > limit;
        byte[] bytes = body.toByteArray();
        return new Response(status, headers, bytes.length > limit ? java.util.Arrays.copyOf(bytes, limit) : bytes,
                truncated);
    }

    private static Response chunked(InputStream in, int status, Map<String, List<String>> headers, int limit,
            int[] headBytes, String where) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(Math.max(limit, 1), 16 * 1024));
        while (true) {
            if (body.size() >= limit) {
                return new Response(status, headers, body.toByteArray(), true);
            }
            String sizeLine = line(in, headBytes, where);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": malformed chunk size");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                headers(in, headBytes, where); // trailers
                return new Response(status, headers, body.toByteArray(), false);
            }
            long take = Math.min(size, limit - body.size());
            copy(in, body, take, true, where);
            if (take < size) {
                return new Response(status, headers, body.toByteArray(), true);
            }
            if (!line(in, headBytes, where).isEmpty()) {
                throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": chunk not followed by CRLF");
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long count, boolean exact, String where)
            throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (exact) {
                    throw new HttpFailure(HttpFailure.Kind.BROKEN, where + ": the body ended early");
                }
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static int statusLine(String line, String where) throws HttpFailure {
        if (!line.matches("HTTP/1\\.[01] [1-5][0-9][0-9]( .*)?")) {
            throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": the answer is not HTTP/1.x");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static Map<String, List<String>> headers(InputStream in, int[] headBytes, String where) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            String line = line(in, headBytes, where);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || ++count > MAX_HEADERS || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": malformed or too many header lines");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private static long contentLength(Map<String, List<String>> headers, String where) throws HttpFailure {
        List<String> values = headers.get("content-length");
        if (values == null) {
            return -1;
        }
        String first = values.getFirst();
        if (!first.matches("[0-9]{1,18}") || values.stream().anyMatch(v -> !v.equals(first))) {
            throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": malformed Content-Length");
        }
        return Long.parseLong(first);
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, bounded in length and, over the whole head, in total. */
    private static String line(InputStream in, int[] headBytes, String where) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new HttpFailure(HttpFailure.Kind.BROKEN, where + ": the connection closed mid-answer");
            }
            if (++headBytes[0] > MAX_HEAD || line.length() >= MAX_LINE) {
                throw new HttpFailure(HttpFailure.Kind.PROTOCOL, where + ": the answer's head is too large");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    static long remainingMillis(long deadline) {
        return Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing was sent on it yet, or the exchange is over.
        }
    }

    /** Socket input whose every read waits at most until the exchange's deadline. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final String where;

        DeadlineInput(Socket socket, long deadline, String where) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = remainingMillis(deadline);
            if (left <= 0) {
                throw new HttpFailure(HttpFailure.Kind.TIMEOUT, where + ": no complete answer in time");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            try {
                return in.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw new HttpFailure(HttpFailure.Kind.TIMEOUT, where + ": no complete answer in time");
            }
        }
    }
}
