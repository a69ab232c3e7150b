package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Permissions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * {@code GET /v2/_catalog?n=&last=}: the repositories the caller may pull, in name order, paginated
 * with a {@code Link} header as tags are. A private repository the caller cannot pull is not listed
 * (not even counted), by the same SQL rule the pages use. Clients ask for the
 * {@code registry:catalog:*} scope; the list follows the token's user, whatever scope it names.
 */
final class CatalogHandler {
    private static final int MAX_PAGE = 1_000;
    private static final String CHALLENGE_SCOPE = "registry:catalog:*";
    private final RegistryServices s;

    CatalogHandler(RegistryServices s) {
        this.s = s;
    }

    void list(Context ctx, Route.Match m) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) throw new AuthChallenge("authentication required", CHALLENGE_SCOPE, false);
        Caller caller = caller(s.auth.identify(ctx));
        int n = pageSize(ctx.queryParam("n"));
        String last = ctx.queryParam("last");
        List<String> names = n == 0 ? List.of() : page(caller, last, n + 1);
        if (names.size() > n) {
            names = names.subList(0, n);
            ctx.header("Link", "</v2/_catalog?n=" + n + "&last="
                    + URLEncoder.encode(names.get(n - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        ctx.json(Map.of("repositories", names));
    }

    private List<String> page(Caller caller, String last, int limit) {
        boolean after = last != null && !last.isEmpty();
        return s.db.withHandle(h -> {
            Query q = Permissions.bindPullable(h.createQuery("SELECT r.namespace || '/' || r.name AS full_name "
                    + "FROM repositories r WHERE " + Permissions.PULLABLE_SQL
                    + (after ? " AND r.namespace || '/' || r.name > :last" : "")
                    + " ORDER BY full_name LIMIT :limit"), caller).bind("limit", limit);
            if (after) q.bind("last", last);
            return q.mapTo(String.class).list();
        });
    }

    /** The user behind the request: a bearer token's subject, or the Basic credentials' user. */
    private Caller caller(RegistryAuth.Requester r) {
        if (r.caller() != null) return r.caller();
        if (r.actor() == null || r.actor().isEmpty()) return Caller.ANONYMOUS;
        return s.hub.users().find(r.actor()).map(Caller::password).orElse(Caller.ANONYMOUS);
    }

    private static int pageSize(String text) {
        if (text == null || text.isEmpty()) return MAX_PAGE;
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) throw new RegistryException(OciErrorCode.UNSUPPORTED, 400, "n='" + RepositoryName.abbreviate(text) + "' is not a page size");
        return Math.min(n, MAX_PAGE);
    }
}
