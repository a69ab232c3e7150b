package io.spyglass.server.hub;

/** A hub request that cannot be done; the message names what was wrong. */
public class HubException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;

    public HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static HubException invalid(String message) {
        return new HubException(Kind.INVALID, message);
    }

    static HubException notFound(String message) {
        return new HubException(Kind.NOT_FOUND, message);
    }

    static HubException conflict(String message) {
        return new HubException(Kind.CONFLICT, message);
    }

    static HubException forbidden(String message) {
        return new HubException(Kind.FORBIDDEN, message);
    }
}
