package io.spyglass.server.hub;

import java.util.Locale;
import java.util.Optional;

/** A registry action on a repository, as named in token scopes ({@code repository:ns/name:pull,push}). */
public enum Action {
    PULL, PUSH, DELETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code text}, or empty for actions we do not grant (e.g. {@code *}). */
    public static Optional<Action> fromWire(String text) {
        for (Action a : values()) if (a.wire().equals(text)) return Optional.of(a);
        return Optional.empty();
    }
}
