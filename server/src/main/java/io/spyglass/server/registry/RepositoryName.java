package io.spyglass.server.registry;

import java.util.regex.Pattern;

/**
 * A repository name as the distribution spec writes it ({@code ns/name[/more]}), split into the
 * namespace (a user or organisation) and the rest.
 */
public record RepositoryName(String namespace, String name) {
    // OCI distribution-spec: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*
    private static final Pattern GRAMMAR = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final int MAX = 255;

    public static RepositoryName parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX || !GRAMMAR.matcher(text).matches()) {
            throw new RegistryException(OciErrorCode.NAME_INVALID, "invalid repository name '" + abbreviate(text)
                    + "': lowercase path components [a-z0-9] separated by '.', '_', '__' or '-', joined by '/', at most " + MAX + " characters");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new RegistryException(OciErrorCode.NAME_INVALID, "repository name '" + text
                    + "' has no namespace: write NAMESPACE/" + text + " (your user name or an organisation)");
        }
        return new RepositoryName(text.substring(0, slash), text.substring(slash + 1));
    }

    static String abbreviate(String text) {
        if (text == null) return "";
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
