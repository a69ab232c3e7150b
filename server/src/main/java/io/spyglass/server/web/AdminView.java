package io.spyglass.server.web;

import java.util.List;

/** The site admin's page: every user and every organisation with its plan. */
record AdminView(Frame frame, List<User> users, List<Org> orgs, String error, String message) {
    static final List<String> PLANS = List.of("free", "pro", "team", "business");

    /** A user: when created, whether a site admin, and their organisations as "acme (owner)". */
    record User(String name, String created, boolean siteAdmin, String orgs) {}

    record Org(String name, String plan, int members, int repositories, String created) {}

    AdminView {
        users = List.copyOf(users);
        orgs = List.copyOf(orgs);
    }
}
