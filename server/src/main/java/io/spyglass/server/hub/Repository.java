package io.spyglass.server.hub;

/**
 * A repository in a user's or an organisation's namespace. {@code name} may hold slashes
 * ({@code ns/a/b} has namespace {@code ns} and name {@code a/b}).
 */
public record Repository(long id, String namespace, String name, boolean isPrivate, String description,
                         String imageInsight) {

    /** {@code namespace/name}, as clients write it. */
    public String fullName() {
        return namespace + "/" + name;
    }
}
