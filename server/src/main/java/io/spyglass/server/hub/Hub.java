package io.spyglass.server.hub;

import io.spyglass.server.store.Database;

/** The hub services over one database: what the registry, the web pages and the admin CLI use. */
public record Hub(Users users, AccessTokens tokens, Organizations organizations, Repositories repositories,
                  Permissions permissions) {

    public static Hub over(Database db, boolean privateByDefault) {
        return new Hub(new Users(db), new AccessTokens(db), new Organizations(db),
                new Repositories(db, privateByDefault), new Permissions(db));
    }
}
