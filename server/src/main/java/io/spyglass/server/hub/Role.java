package io.spyglass.server.hub;

import java.util.Locale;

/** A member's role in a namespace. A user is the owner of their own namespace. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public static Role parse(String text) {
        for (Role r : values()) if (r.wire().equals(text == null ? "" : text.toLowerCase(Locale.ROOT))) return r;
        throw HubException.invalid("unknown role '" + text + "' (want owner, admin or member)");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Owners and admins change repository settings and membership. */
    public boolean administers() {
        return this != MEMBER;
    }
}
