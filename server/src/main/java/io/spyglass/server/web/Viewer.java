package io.spyglass.server.web;

import java.util.Objects;

/** The person looking at a page, as the pages need them. */
record Viewer(long userId, String username) {
    Viewer {
        Objects.requireNonNull(username, "username");
    }
}
