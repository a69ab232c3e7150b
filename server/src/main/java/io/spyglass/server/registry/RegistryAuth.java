package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.server.auth.BasicCredentials;
import io.spyglass.server.auth.TokenService;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, per request, whether the caller may do an action on a repository. A bearer token's
 * {@code access} claim is the grant; Basic credentials (password or personal access token) are
 * checked live against {@link io.spyglass.server.hub.Permissions}. Without pull rights the answer
 * is the same 401 whether the repository is private or missing, so nothing leaks.
 */
final class RegistryAuth {
    private final Hub hub;
    private final TokenService tokens;

    RegistryAuth(Hub hub, TokenService tokens) {
        this.hub = hub;
        this.tokens = tokens;
    }

    /** Who is asking and what they presented. */
    record Requester(String actor, Caller caller, TokenService.Verified bearer, boolean presented) {}

    /** The request's authorization; a 401 challenge when absent or wrong. */
    Requester identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new AuthChallenge("authentication required", null, false);
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            TokenService.Verified v = tokens.verify(header.substring(7).trim())
                    .orElseThrow(() -> new AuthChallenge("the bearer token is invalid or expired", null, false));
            return new Requester(v.subject(), null, v, true);
        }
        Optional<BasicCredentials> basic = BasicCredentials.fromHeader(header);
        if (basic.isEmpty()) throw new AuthChallenge("unsupported Authorization header (want Bearer or Basic)", null, false);
        Caller caller = basic.get().authenticate(hub)
                .orElseThrow(() -> new AuthChallenge("incorrect username or password", null, false));
        return new Requester(caller.user().name(), caller, null, true);
    }

    /** What the requester may do to {@code name}. */
    Set<Action> granted(Requester r, RepositoryName name, Optional<Repository> repo) {
        if (r.bearer() != null) return r.bearer().actionsOn(name.toString());
        return hub.permissions().actions(r.caller(), name.namespace(), name.name(), repo);
    }

    /**
     * Checks {@code action} on {@code name}; returns the requester. Missing pull rights give the
     * 401 challenge (as for a repository that does not exist); pull without push gives DENIED.
     */
    Requester require(Context ctx, RepositoryName name, Optional<Repository> repo, Action action) {
        String scope = "repository:" + name + ":" + (action == Action.PULL ? "pull" : action == Action.PUSH ? "pull,push" : action.wire());
        String header = ctx.header("Authorization");
        // Docker Hub: even a public pull needs a (possibly anonymous) token first
        if (header == null || header.isBlank()) throw new AuthChallenge("authentication required", scope, false);
        Requester r = identify(ctx);
        Set<Action> granted = granted(r, name, repo);
        if (granted.contains(action)) return r;
        if (!granted.contains(Action.PULL)) {
            throw new AuthChallenge("authentication required: no " + action.wire() + " access to repository " + name
                    + " (it does not exist or you may not see it)", scope, r.bearer() != null);
        }
        throw new RegistryException(OciErrorCode.DENIED, "requested access to the resource is denied: no "
                + action.wire() + " access to repository " + name);
    }
}
