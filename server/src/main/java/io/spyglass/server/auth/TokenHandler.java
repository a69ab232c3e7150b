package io.spyglass.server.auth;

import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.ops.RegistryErrorBody;
import io.spyglass.server.ops.RequestIds;
import io.spyglass.server.throttle.ClientAddress;
import io.spyglass.server.throttle.SignInThrottle;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /token} (basic auth with a password or personal access token, or anonymous) and
 * {@code POST /token} (OAuth2 form: grant_type=password or refresh_token, as docker sends it),
 * answering like Docker Hub's token server.
 */
public final class TokenHandler {
    private final Hub hub;
    private final TokenService tokens;
    private final SignInThrottle throttle;
    private final ClientAddress clients;

    public TokenHandler(Hub hub, TokenService tokens) {
        this(hub, tokens, SignInThrottle.fromSystemProperties(), new ClientAddress(List.of()));
    }

    public TokenHandler(Hub hub, TokenService tokens, SignInThrottle throttle, ClientAddress clients) {
        this.hub = hub;
        this.tokens = tokens;
        this.throttle = throttle;
        this.clients = clients;
    }

    /** Checks credentials unless the account or address is locked (then 429 and empty). */
    private Optional<Optional<Caller>> authenticate(Context ctx, BasicCredentials creds) {
        String address = clients.of(ctx);
        Optional<java.time.Duration> wait = throttle.retryAfter(creds.user(), address);
        if (wait.isPresent()) {
            long seconds = SignInThrottle.seconds(wait.get());
            String detail = "too many failed sign-ins; try again in " + seconds + " s";
            ctx.status(429).header("Retry-After", Long.toString(seconds))
                    .json(Map.of("errors", List.of(Map.of("code", "TOOMANYREQUESTS", "message", detail, "detail", detail))));
            return Optional.empty();
        }
        Optional<Caller> caller = creds.authenticate(hub);
        if (caller.isEmpty()) throttle.failed(creds.user(), address);
        else throttle.succeeded(creds.user());
        // failures always; successes only with a password (a token sign-in comes with every pull)
        if (caller.isEmpty() || caller.get().tokenId() == null) {
            io.spyglass.server.audit.AuditLog.record(ctx, caller.orElse(null), "signin.token", creds.user(), caller.isPresent(),
                    caller.isPresent() ? "password" : "wrong username, password or access token");
        }
        return Optional.of(caller);
    }

    public void get(Context ctx) {
        Optional<BasicCredentials> creds = BasicCredentials.fromHeader(ctx.header("Authorization"));
        Caller caller = Caller.ANONYMOUS;
        if (creds.isPresent()) {
            Optional<Optional<Caller>> checked = authenticate(ctx, creds.get());
            if (checked.isEmpty()) return;
            Optional<Caller> signedIn = checked.get();
            if (signedIn.isEmpty()) {
                unauthorized(ctx, "incorrect username or password");
                return;
            }
            caller = signedIn.get();
        } else if (ctx.header("Authorization") != null) {
            unauthorized(ctx, "the token endpoint takes Basic credentials");
            return;
        }
        boolean offline = "true".equals(ctx.queryParam("offline_token")) && !caller.anonymous();
        answer(ctx, caller, ctx.queryParams("scope"), ctx.queryParam("service"), offline);
    }

    public void post(Context ctx) {
        String grant = ctx.formParam("grant_type");
        Optional<Caller> caller;
        if ("password".equals(grant)) {
            String user = ctx.formParam("username");
            String password = ctx.formParam("password");
            if (user == null || password == null) {
                caller = Optional.empty();
            } else {
                Optional<Optional<Caller>> checked = authenticate(ctx, new BasicCredentials(user, password));
                if (checked.isEmpty()) return;
                caller = checked.get();
            }
        } else if ("refresh_token".equals(grant)) {
            String refresh = ctx.formParam("refresh_token");
            caller = refresh == null ? Optional.empty() : tokens.fromRefreshToken(refresh);
        } else {
            ctx.status(400).json(Map.of("error", "unsupported_grant_type",
                    "error_description", "grant_type must be password or refresh_token, not '" + grant + "'",
                    "requestId", RequestIds.of(ctx)));
            return;
        }
        if (caller.isEmpty()) {
            unauthorized(ctx, "password".equals(grant) ? "incorrect username or password" : "the refresh token is invalid or expired");
            return;
        }
        String scope = ctx.formParam("scope");
        boolean offline = "offline".equals(ctx.formParam("access_type")) && "password".equals(grant);
        answer(ctx, caller.get(), scope == null ? List.of() : List.of(scope), ctx.formParam("service"), offline);
    }

    private void answer(Context ctx, Caller caller, List<String> scopes, String service, boolean offline) {
        TokenService.Issued issued = tokens.issue(caller, ResourceAccess.parseScopes(scopes), service == null ? "" : service);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("access_token", issued.token());
        body.put("expires_in", issued.expiresIn().toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        if (offline) body.put("refresh_token", tokens.refreshToken(caller, service == null ? "" : service));
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private static void unauthorized(Context ctx, String detail) {
        ctx.status(401).json(RegistryErrorBody.of(ctx, "UNAUTHORIZED", detail, detail));
    }
}
