package io.spyglass.server.web;

/**
 * The repository title bar and its tabs, shared by the General, Tags and Settings pages.
 *
 * @param tab            "general", "tags" or "settings": the tab shown as current
 * @param canAdminister  owners and admins see the Settings tab; nobody else does
 */
record RepoHeader(String namespace, String namespaceUrl, String name, boolean isPrivate, String description,
                  String tab, boolean canAdminister) {
    String url() {
        return "/r/" + namespace + "/" + name;
    }

    String fullName() {
        return namespace + "/" + name;
    }

    /** {@code "page"} for the current tab, null (no attribute) for the others. */
    String current(String which) {
        return which.equals(tab) ? "page" : null;
    }
}
