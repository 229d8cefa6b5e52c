package dev.shepherd.core.http;

import java.io.IOException;

/**
 * Why a guarded HTTP exchange produced no answer. The kind tells callers what a retry could change: a refused or
 * malformed exchange will be the same next time; a connection or resolution failure may not. Messages name the
 * host and the reason, never a header or body value.
 */
public final class HttpFailure extends IOException {
    public enum Kind {
        /** The URL, scheme or address is not one Shepherd may call. */
        REFUSED,
        /** The host name does not resolve. */
        UNRESOLVED,
        /** No connection: refused, reset, unreachable, connect timeout, TLS handshake failure. */
        CONNECT,
        /** Connected, but the answer did not come within the time allowed. */
        TIMEOUT,
        /** The answer is not well-formed HTTP/1.x, or its head is too large. */
        PROTOCOL,
        /** The connection broke while the answer was being read. */
        BROKEN
    }

    private final Kind kind;

    public HttpFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HttpFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Worth another attempt: the same request may get an answer next time. */
    public boolean transientFailure() {
        return kind == Kind.UNRESOLVED || kind == Kind.CONNECT || kind == Kind.BROKEN;
    }
}
