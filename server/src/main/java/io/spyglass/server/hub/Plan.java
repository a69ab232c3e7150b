package io.spyglass.server.hub;

import java.util.Locale;

/** An organisation's plan. */
public enum Plan {
    FREE, PRO, TEAM, BUSINESS;

    public static Plan parse(String text) {
        for (Plan p : values()) if (p.wire().equals(text == null ? "" : text.toLowerCase(Locale.ROOT))) return p;
        throw HubException.invalid("unknown plan '" + text + "' (want free, pro, team or business)");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
