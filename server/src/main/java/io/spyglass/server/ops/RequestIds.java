package io.spyglass.server.ops;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every HTTP request has an id: the caller's {@code X-Request-Id} when it is well-formed (a proxy or
 * client that already made one), a new UUID otherwise. {@link RequestContextFilter} sets it; error
 * bodies and pages quote it so a user's report can be found in the log.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The logging MDC key: {@code %X{requestId}} in a pattern, {@code requestId} in JSON lines. */
    public static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = "spyglass.requestId";
    // short and plain: it goes into log lines, headers and HTML unescaped by nobody
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    /** The id of the request {@code ctx} answers. */
    public static String of(Context ctx) {
        Object id = ctx.attribute(ATTRIBUTE);
        return id == null ? "none" : id.toString();
    }

    /** The caller's id when well-formed, else a new one. */
    static String accept(String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The JSON API's error body: {@code {"error": message, "requestId": id}}. */
    public static Map<String, Object> apiError(Context ctx, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("requestId", of(ctx));
        return body;
    }
}
