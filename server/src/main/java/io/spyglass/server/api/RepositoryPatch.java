package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.server.hub.HubException;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code PATCH /api/repositories/NS/NAME}: each field optional (null = unchanged), but a
 * field of the wrong type or an unknown field is refused, naming it. Read leniently,
 * {@code {"private": "yes"}} once answered 200 and left the repository public.
 */
record RepositoryPatch(Boolean isPrivate, String description, String imageInsight) {
    private static final Set<String> FIELDS = Set.of("private", "description", "imageInsight");

    static RepositoryPatch of(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new HubException(HubException.Kind.INVALID, "unknown field '" + name + "' (the fields are private, description and imageInsight)");
            }
        }
        JsonNode p = body.get("private");
        if (p != null && !p.isBoolean()) throw new HubException(HubException.Kind.INVALID, "'private' must be true or false, not " + p);
        return new RepositoryPatch(p == null ? null : p.booleanValue(), text(body, "description"), text(body, "imageInsight"));
    }

    /** What the patch changes, for the audit log: the description's length, not its text. */
    static String describe(RepositoryPatch p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (p.isPrivate() != null) parts.add("private " + p.isPrivate());
        if (p.description() != null) parts.add("description (" + p.description().length() + " characters)");
        if (p.imageInsight() != null) parts.add("imageInsight " + p.imageInsight());
        return String.join(", ", parts);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (!v.isTextual()) throw new HubException(HubException.Kind.INVALID, "'" + field + "' must be a string, not " + v);
        return v.textValue();
    }
}
