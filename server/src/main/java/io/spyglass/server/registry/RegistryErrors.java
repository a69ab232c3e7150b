package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.image.InvalidDigestException;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.ops.RegistryErrorBody;
import io.spyglass.server.ops.RequestIds;
import io.spyglass.server.store.blob.BlobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every domain exception to its OCI error code, once, and writes the spec's JSON error body. */
final class RegistryErrors {
    private static final Logger log = LoggerFactory.getLogger(RegistryErrors.class);

    private RegistryErrors() {}

    static RegistryException translate(Exception e) {
        if (e instanceof RegistryException r) return r;
        if (e instanceof InvalidDigestException d) return new RegistryException(OciErrorCode.DIGEST_INVALID, d.getMessage());
        if (e instanceof BlobException b) {
            return switch (b.kind()) {
                case BLOB_UNKNOWN -> new RegistryException(OciErrorCode.BLOB_UNKNOWN, b.getMessage());
                case UPLOAD_UNKNOWN -> new RegistryException(OciErrorCode.BLOB_UPLOAD_UNKNOWN, b.getMessage());
                case DIGEST_MISMATCH -> new RegistryException(OciErrorCode.DIGEST_INVALID, b.getMessage());
                case SIZE_MISMATCH -> new RegistryException(OciErrorCode.SIZE_INVALID, b.getMessage());
                case OUT_OF_ORDER -> new RegistryException(OciErrorCode.RANGE_INVALID, b.getMessage());
                case TRUNCATED -> new RegistryException(OciErrorCode.BLOB_UPLOAD_INVALID, b.getMessage());
            };
        }
        if (e instanceof HubException h) {
            return switch (h.kind()) {
                case NOT_FOUND -> new RegistryException(OciErrorCode.NAME_UNKNOWN, h.getMessage());
                case FORBIDDEN -> new RegistryException(OciErrorCode.DENIED, h.getMessage());
                case INVALID, CONFLICT -> new RegistryException(OciErrorCode.NAME_INVALID, h.getMessage());
            };
        }
        return null;
    }

    static void write(Context ctx, Exception e, String baseUrl, String service) {
        RegistryException r = translate(e);
        if (r == null) {
            // the log line carries the request id (MDC); the body names it so a report can be matched
            log.error("registry request {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(RegistryErrorBody.of(ctx, "UNKNOWN", "internal server error",
                    "logged with request id " + RequestIds.of(ctx)));
            return;
        }
        ctx.status(r.status());
        if (r instanceof AuthChallenge c) ctx.header("WWW-Authenticate", c.header(baseUrl, service));
        if (ctx.method().name().equals("HEAD")) return; // OCI dist-spec: HEAD answers carry no body
        ctx.json(RegistryErrorBody.of(ctx, r.code().wire(), r.code().message(), r.getMessage() == null ? "" : r.getMessage()));
    }
}
