package io.spyglass.server.web;

/** The "create an organisation" form; {@code name} is what was typed, kept when it is refused. */
record NewOrgView(Frame frame, String name, String error) {
    NewOrgView {
        name = name == null ? "" : name;
    }
}
