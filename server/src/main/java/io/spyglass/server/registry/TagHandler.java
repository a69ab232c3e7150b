package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Repository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code GET /v2/<name>/tags/list?n=&last=}, paginated with a {@code Link} header. */
final class TagHandler {
    private static final int MAX_PAGE = 10_000;
    private final RegistryServices s;

    TagHandler(RegistryServices s) {
        this.s = s;
    }

    void list(Context ctx, Route.Match m) {
        Repository repo = s.existing(ctx, m.name(), Action.PULL);
        String nParam = ctx.queryParam("n");
        int n = MAX_PAGE;
        if (nParam != null && !nParam.isEmpty()) {
            try {
                n = Integer.parseInt(nParam);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) throw new RegistryException(OciErrorCode.UNSUPPORTED, 400, "n='" + RepositoryName.abbreviate(nParam) + "' is not a page size");
            n = Math.min(n, MAX_PAGE);
        }
        String last = ctx.queryParam("last");
        List<String> tags = n == 0 ? List.of() : s.manifests.tags(repo.id(), last, n + 1);
        if (tags.size() > n) {
            tags = tags.subList(0, n);
            String next = RegistryServices.path(repo) + "/tags/list?n=" + n + "&last="
                    + URLEncoder.encode(tags.get(tags.size() - 1), StandardCharsets.UTF_8);
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        ctx.json(Map.of("name", repo.fullName(), "tags", tags));
    }
}
