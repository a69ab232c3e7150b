package io.spyglass.server.ops;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI distribution-spec error body, {@code {"errors": [{"code", "message", "detail"}]}}, with
 * the request id as a top-level {@code requestId} beside {@code errors}: the spec's clients read
 * {@code errors} and ignore other members, so the schema holds and a user can still quote the id.
 */
public final class RegistryErrorBody {
    private RegistryErrorBody() {}

    public static Map<String, Object> of(Context ctx, String code, String message, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("detail", detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
        body.put("requestId", RequestIds.of(ctx));
        return body;
    }
}
