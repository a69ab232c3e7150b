package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.spyglass.server.auth.BasicCredentials;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the self-service endpoints share: who is calling (Basic with a password or an access token),
 * a JSON object body read strictly (an unknown field or a wrong type is refused, naming it), and
 * a hub refusal as a JSON error with its status.
 */
final class ApiRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {}

    /** The caller, or null after answering 401 for credentials that do not check out. */
    static Caller caller(Context ctx, Hub hub) {
        String header = ctx.header("Authorization");
        if (header == null) return Caller.ANONYMOUS;
        Optional<Caller> c = BasicCredentials.fromHeader(header).flatMap(b -> b.authenticate(hub));
        if (c.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"spyglass\"");
            error(ctx, 401, "incorrect username, password or token");
            return null;
        }
        return c.get();
    }

    /** A signed-in caller, or null after answering 401 with the challenge. */
    static Caller signedIn(Context ctx, Hub hub) {
        Caller caller = caller(ctx, hub);
        if (caller != null && caller.anonymous()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"spyglass\"");
            error(ctx, 401, "sign in with Basic authentication (a password or an access token)");
            return null;
        }
        return caller;
    }

    /** The JSON object body with only {@code fields} in it; throws INVALID naming what is wrong. */
    static JsonNode body(Context ctx, Set<String> fields) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new HubException(HubException.Kind.INVALID, "the body is not JSON: " + io.spyglass.catalog.ParseProblem.describe(e));
        }
        if (body == null || !body.isObject()) throw new HubException(HubException.Kind.INVALID, "the body must be a JSON object");
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                throw new HubException(HubException.Kind.INVALID, "unknown field '" + name + "' (the fields are "
                        + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        });
        return body;
    }

    /** A string field, or {@code fallback} when absent. */
    static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw new HubException(HubException.Kind.INVALID, "'" + field + "' must be a string, not " + v);
        return v.textValue();
    }

    static String requiredText(JsonNode body, String field) {
        String v = text(body, field, null);
        if (v == null) throw new HubException(HubException.Kind.INVALID, "'" + field + "' is missing");
        return v;
    }

    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw new HubException(HubException.Kind.INVALID, "'" + field + "' must be true or false, not " + v);
        return v.booleanValue();
    }

    static void refused(Context ctx, HubException e) {
        error(ctx, switch (e.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        }, e.getMessage());
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
