package io.spyglass.server.web;

/** The tag details page; {@code tab} is "layers", "vulnerabilities", "packages" or "history". */
record TagView(Frame frame, RepoHeader header, TagRow tag, String tab, String pullCommand) {
    String tabUrl(String which) {
        return tag.url() + (which.equals("layers") ? "" : "/" + which);
    }

    String current(String which) {
        return which.equals(tab) ? "page" : null;
    }
}
