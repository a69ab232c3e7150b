package io.spyglass.server.web;

/**
 * The part of a repository URL after {@code /r/<namespace>/}: the repository name (which may hold
 * slashes), then optionally {@code /-/tags}, {@code /-/settings}, {@code /-/compare}, {@code /-/trends.svg}
 * or {@code /-/tags/<tag>[/<tab>]}.
 *
 * @param tab "general", "tags", "settings", "compare", "trends.svg", "tag", or "unknown"
 */
record RepoPath(String name, String tab, String tag, String tagTab) {
    static RepoPath parse(String rest) {
        String clean = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        int split = clean.indexOf("/-/");
        if (split < 0) {
            return new RepoPath(clean, "general", null, null);
        }
        String name = clean.substring(0, split);
        String after = clean.substring(split + 3);
        if (after.equals("tags") || after.equals("settings") || after.equals("compare") || after.equals("trends.svg")) {
            return new RepoPath(name, after, null, null);
        }
        if (after.startsWith("tags/")) {
            String[] parts = after.substring(5).split("/", -1);
            if (parts.length == 1) {
                return new RepoPath(name, "tag", parts[0], "layers");
            }
            if (parts.length == 2) {
                return new RepoPath(name, "tag", parts[0], parts[1]);
            }
        }
        return new RepoPath(name, "unknown", null, null);
    }
}
