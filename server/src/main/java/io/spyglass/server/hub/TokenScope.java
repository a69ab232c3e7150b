package io.spyglass.server.hub;

import java.util.EnumSet;
import java.util.Set;

/** What a personal access token may do, at most (the user's rights still apply). */
public enum TokenScope {
    READ("read"), READ_WRITE("read-write"), ADMIN("admin");

    private final String wire;

    TokenScope(String wire) {
        this.wire = wire;
    }

    public static TokenScope parse(String text) {
        for (TokenScope s : values()) if (s.wire.equals(text)) return s;
        throw HubException.invalid("unknown token scope '" + text + "' (want read, read-write or admin)");
    }

    public String wire() {
        return wire;
    }

    /** The registry actions this scope allows. */
    public Set<Action> allows() {
        return this == READ ? EnumSet.of(Action.PULL) : EnumSet.allOf(Action.class);
    }

    public boolean allowsSettings() {
        return this == ADMIN;
    }
}
