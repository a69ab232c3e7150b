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
    /** The request attribute naming who was checked last (the token's subject or the user). */
    static final String ACTOR = "spyglass.registry.actor";

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
     * Checks {@code action} on {@code name}; returns the requester. A refusal is a 401 challenge
     * whenever asking again could help: no credentials, or a bearer token that lacks an action its
     * holder may be granted ({@code error="insufficient_scope"}, as distribution and the token spec
     * answer, so clients that cache tokens fetch one with the action). It is 403 DENIED only when the
     * credentials' owner may pull but never do {@code action}; without pull rights it is the same
     * 401 as for a repository that does not exist.
     */
    Requester require(Context ctx, RepositoryName name, Optional<Repository> repo, Action action) {
        String scope = "repository:" + name + ":" + (action == Action.PULL ? "pull" : action == Action.PUSH ? "pull,push" : action.wire());
        String header = ctx.header("Authorization");
        // Docker Hub: even a public pull needs a (possibly anonymous) token first
        if (header == null || header.isBlank()) throw new AuthChallenge("authentication required", scope, false);
        Requester r = identify(ctx);
        ctx.attribute(ACTOR, r.actor()); // for the audit log of deletions
        if (granted(r, name, repo).contains(action)) return r;
        boolean bearer = r.bearer() != null;
        Optional<Caller> owner = bearer ? tokens.holder(r.bearer()) : Optional.of(r.caller());
        Set<Action> possible = owner.map(c -> hub.permissions().actions(c, name.namespace(), name.name(), repo)).orElse(Set.of());
        if (!possible.contains(Action.PULL)) {
            throw new AuthChallenge("authentication required: no " + action.wire() + " access to repository " + name
                    + " (it does not exist or you may not see it)", scope, bearer);
        }
        if (possible.contains(action)) {
            throw new AuthChallenge("the bearer token does not grant " + action.wire() + " on " + name
                    + "; ask the token endpoint for scope " + scope, scope, true);
        }
        if (owner.get().anonymous()) {
            throw new AuthChallenge("authentication required: anonymous callers may not " + action.wire() + " on " + name, scope, false);
        }
        throw new RegistryException(OciErrorCode.DENIED, "requested access to the resource is denied: no "
                + action.wire() + " access to repository " + name);
    }
}
