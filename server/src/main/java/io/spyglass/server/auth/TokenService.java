package io.spyglass.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.TokenScope;
import io.spyglass.server.store.Database;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Issues and checks the registry's bearer tokens: short-lived HS256 JWTs whose {@code access}
 * claim lists what the caller was granted, narrowed to what they may do; and long-lived refresh
 * tokens for docker's OAuth2 flow.
 */
public final class TokenService {
    public static final Duration ACCESS_TTL = Duration.ofMinutes(5);
    static final Duration REFRESH_TTL = Duration.ofDays(30);
    private static final String ISSUER = "spyglass";
    /** The user's immutable id, next to the subject (a name, which a later account may take). */
    private static final String USER_ID = "uid";
    private static final Pattern REPO_NAME = Pattern.compile("[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)+");

    private final Database db;
    private final Hub hub;
    private final OctetSequenceKey signingKey;
    private final Map<String, JWK> keys = new ConcurrentHashMap<>();
    /**
     * Tokens whose signature already checked out, by their exact text. A push sends the same
     * token with every request, and verifying it was a quarter of a push's request CPU (JFR); expiry
     * is still checked on every use.
     */
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();
    private static final int VERIFIED_MAX = 10_000;

    public TokenService(Database db, Hub hub) {
        this.db = db;
        this.hub = hub;
        this.signingKey = TokenKeys.load(db);
        keys.put(signingKey.getKeyID(), signingKey);
    }

    /** A signed access token. */
    public record Issued(String token, Instant issuedAt, Duration expiresIn, List<ResourceAccess> access) {}

    /** What a verified access token says; {@code claims} name its holder for {@link #holder}. */
    public record Verified(String subject, List<ResourceAccess> access, JWTClaimsSet claims) {
        public Set<Action> actionsOn(String repository) {
            Set<Action> out = new LinkedHashSet<>();
            for (ResourceAccess a : access) {
                if (a.type().equals("repository") && a.name().equals(repository)) {
                    for (Action action : Action.values()) if (a.allows(action)) out.add(action);
                }
            }
            return out;
        }
    }

    /** A token granting, for each requested repository scope, only the actions the caller has. */
    public Issued issue(Caller caller, List<ResourceAccess> requested, String service) {
        List<ResourceAccess> granted = new ArrayList<>();
        for (ResourceAccess want : requested) {
            if (!want.type().equals("repository") || !REPO_NAME.matcher(want.name()).matches()) continue;
            int slash = want.name().indexOf('/');
            String ns = want.name().substring(0, slash);
            String name = want.name().substring(slash + 1);
            Optional<Repository> repo = hub.repositories().find(ns, name);
            Set<String> actions = new LinkedHashSet<>();
            for (Action a : hub.permissions().actions(caller, ns, name, repo)) {
                if (want.actions().contains(a.wire()) || want.actions().contains("*")) actions.add(a.wire());
            }
            if (!actions.isEmpty()) granted.add(new ResourceAccess("repository", want.name(), actions));
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = holderClaims(base(caller, service, now, ACCESS_TTL), caller)
                .claim("access", granted.stream().map(a -> Map.of("type", a.type(), "name", a.name(), "actions", a.sortedActions())).toList());
        return new Issued(sign(claims.build()), now, ACCESS_TTL, List.copyOf(granted));
    }

    /** A refresh token for a signed-in caller (docker keeps it as its identity token). */
    public String refreshToken(Caller caller, String service) {
        return sign(holderClaims(base(caller, service, Instant.now(), REFRESH_TTL).claim("typ", "refresh"), caller).build());
    }

    /** A token minted from a personal access token names it, so its holder stays capped by its scope. */
    private static JWTClaimsSet.Builder holderClaims(JWTClaimsSet.Builder claims, Caller caller) {
        if (caller.tokenId() != null) claims.claim("tid", caller.tokenId()).claim("scope", caller.tokenScope().wire());
        return claims;
    }

    /**
     * The caller a refresh token stands for, while the user exists under the same id and its
     * personal token is live. A name alone is not enough: after a user is deleted, someone else may
     * create an account of that name, and ids are never reused. Tokens without the id claim (issued
     * before it existed) are refused; their users sign in again.
     */
    public Optional<Caller> fromRefreshToken(String token) {
        return claims(token).filter(c -> "refresh".equals(c.getClaim("typ"))).flatMap(this::holder);
    }

    /**
     * Who an access token was issued to, as they are now: anonymous, or the user (capped by their
     * personal token's scope); empty when that user or token is gone. What they could be granted
     * decides between asking for a new token (401) and refusing (403).
     */
    public Optional<Caller> holder(Verified token) {
        if (token.claims().getClaim(USER_ID) == null) return Optional.of(Caller.ANONYMOUS);
        return holder(token.claims());
    }

    private Optional<Caller> holder(JWTClaimsSet c) {
        Optional<io.spyglass.server.hub.User> user = hub.users().find(c.getSubject())
                .filter(u -> c.getClaim(USER_ID) instanceof Number uid && uid.longValue() == u.id());
        if (user.isEmpty()) return Optional.empty();
        Object tid = c.getClaim("tid");
        if (tid == null) return Optional.of(Caller.password(user.get()));
        long id = ((Number) tid).longValue();
        if (!hub.tokens().live(id)) return Optional.empty();
        return Optional.of(Caller.token(user.get(), TokenScope.parse((String) c.getClaim("scope")), id));
    }

    /** A valid, unexpired access token's content. */
    public Optional<Verified> verify(String token) {
        return claims(token).filter(c -> c.getClaim("typ") == null).map(c -> new Verified(
                c.getSubject() == null ? "" : c.getSubject(), access(c), c));
    }

    private static List<ResourceAccess> access(JWTClaimsSet c) {
        List<ResourceAccess> out = new ArrayList<>();
        Object raw = c.getClaim("access");
        if (!(raw instanceof List<?> list)) return out;
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("type") instanceof String t && m.get("name") instanceof String n
                    && m.get("actions") instanceof List<?> acts) {
                out.add(new ResourceAccess(t, n, new LinkedHashSet<>(acts.stream().map(String::valueOf).toList())));
            }
        }
        return out;
    }

    private Optional<JWTClaimsSet> claims(String token) {
        JWTClaimsSet seen = verified.get(token);
        if (seen != null) {
            if (unexpired(seen)) return Optional.of(seen);
            verified.remove(token);
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSVerifier verifier = verifier(key(jwt.getHeader().getKeyID()), jwt.getHeader().getAlgorithm());
            if (verifier == null || !jwt.verify(verifier)) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!unexpired(c)) return Optional.empty();
            if (!ISSUER.equals(c.getIssuer())) return Optional.empty();
            if (verified.size() >= VERIFIED_MAX) verified.clear(); // crude bound; a miss only costs one verification
            verified.put(token, c);
            return Optional.of(c);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean unexpired(JWTClaimsSet c) {
        return c.getExpirationTime() != null && !c.getExpirationTime().before(new Date());
    }

    private JWK key(String kid) {
        if (kid == null) return null;
        return keys.computeIfAbsent(kid, k -> db.withHandle(h -> h.createQuery("SELECT jwk FROM signing_keys WHERE id = :id")
                .bind("id", k).mapTo(String.class).findOne().map(TokenKeys::parse).orElse(null)));
    }

    /** The check for a key and the algorithm the token names; null when they do not belong together. */
    private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (key instanceof OctetSequenceKey secret && JWSAlgorithm.HS256.equals(alg)) return new MACVerifier(secret);
        // ES256: the key pairs of databases from before HS256, for the tokens they signed
        if (key instanceof ECKey pair && JWSAlgorithm.ES256.equals(alg)) return new ECDSAVerifier(pair.toPublicJWK());
        return null;
    }

    private static JWTClaimsSet.Builder base(Caller caller, String service, Instant now, Duration ttl) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (!caller.anonymous()) claims.claim(USER_ID, caller.user().id());
        return claims
                .issuer(ISSUER)
                .subject(caller.name().orElse(""))
                .audience(service)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
