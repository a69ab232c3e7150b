package io.spyglass.server.registry;

/** A registry request refused with an OCI error code; {@code detail} names what was wrong. */
public class RegistryException extends RuntimeException {
    private final OciErrorCode code;
    private final int status;

    public RegistryException(OciErrorCode code, String detail) {
        this(code, code.status(), detail);
    }

    public RegistryException(OciErrorCode code, int status, String detail) {
        super(detail);
        this.code = code;
        this.status = status;
    }

    public OciErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }
}
