package io.spyglass.server.hub;

import io.spyglass.server.store.Database;

/** The hub services over one database: what the registry, the web pages and the admin CLI use. */
public record Hub(Users users, AccessTokens tokens, Organizations organizations, Repositories repositories,
                  Permissions permissions, SiteAdmins siteAdmins) {

    public static Hub over(Database db, boolean privateByDefault) {
        return new Hub(new Users(db), new AccessTokens(db), new Organizations(db),
                new Repositories(db, privateByDefault), new Permissions(db), new SiteAdmins(db));
    }

    /** What signed-in people and site admins do on the web and through the API, each checked the same way. */
    public SelfService selfService() {
        return new SelfService(this);
    }
}
