package io.spyglass.server.api;

import io.javalin.http.Context;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.HubException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log's query parameters ({@code actor, action, since, until, before, limit}), shared
 * by {@code GET /api/admin/audit} and the {@code /admin/audit} page; a bad value is refused naming it.
 */
public final class AuditFilters {
    public static final int DEFAULT_LIMIT = 100;

    private AuditFilters() {}

    public static AuditLog.Filter of(Context ctx) {
        String before = blankToNull(ctx.queryParam("before"));
        return new AuditLog.Filter(blankToNull(ctx.queryParam("actor")), blankToNull(ctx.queryParam("action")),
                instant(ctx, "since"), instant(ctx, "until"), before == null ? null : number("before", before),
                limit(ctx.queryParam("limit")));
    }

    /** One event as the API answers it. */
    public static Map<String, Object> json(AuditLog.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("time", e.at().toString());
        m.put("actor", e.actor());
        m.put("actorId", e.actorId());
        m.put("address", e.address());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("outcome", e.success() ? "success" : "failure");
        m.put("details", e.details());
        return m;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) return DEFAULT_LIMIT;
        long n = number("limit", value);
        if (n < 1 || n > AuditLog.MAX_LIMIT) throw new HubException(HubException.Kind.INVALID, "limit must be 1 to " + AuditLog.MAX_LIMIT + ", not " + n);
        return (int) n;
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a date ({@code 2026-01-31}, midnight UTC). */
    private static Instant instant(Context ctx, String name) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) return null;
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HubException(HubException.Kind.INVALID, name + " must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z), not '" + value + "'");
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new HubException(HubException.Kind.INVALID, name + " must be a whole number, not '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
