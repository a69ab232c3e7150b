package io.spyglass.server.hub;

import java.util.Optional;

/**
 * Who is asking: a signed-in user (by password, or by a personal access token that caps what
 * they may do) or nobody.
 */
public record Caller(User user, TokenScope tokenScope, Long tokenId) {

    public static final Caller ANONYMOUS = new Caller(null, null, null);

    public static Caller password(User user) {
        return new Caller(user, null, null);
    }

    public static Caller token(User user, TokenScope scope, long tokenId) {
        return new Caller(user, scope, tokenId);
    }

    public boolean anonymous() {
        return user == null;
    }

    public Optional<String> name() {
        return Optional.ofNullable(user).map(User::name);
    }
}
