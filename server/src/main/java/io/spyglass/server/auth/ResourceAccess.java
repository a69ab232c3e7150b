package io.spyglass.server.auth;

import io.spyglass.server.hub.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a token's {@code access} claim, and of a requested scope
 * ({@code repository:ns/name:pull,push}, as docker writes it).
 */
public record ResourceAccess(String type, String name, Set<String> actions) {

    public ResourceAccess {
        actions = Set.copyOf(new LinkedHashSet<>(actions));
    }

    /** Parses one scope; empty when it is not of the form {@code type:name:actions}. */
    public static Optional<ResourceAccess> parseScope(String scope) {
        if (scope == null) return Optional.empty();
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first <= 0 || last <= first) return Optional.empty();
        String type = scope.substring(0, first);
        String name = scope.substring(first + 1, last);
        Set<String> actions = new LinkedHashSet<>();
        for (String a : scope.substring(last + 1).split(",")) if (!a.isBlank()) actions.add(a.trim());
        return name.isEmpty() ? Optional.empty() : Optional.of(new ResourceAccess(type, name, actions));
    }

    /** Every scope in a list of space-separated scope strings (OAuth2 form and repeated query params). */
    public static List<ResourceAccess> parseScopes(List<String> values) {
        List<ResourceAccess> out = new ArrayList<>();
        if (values == null) return out;
        for (String v : values) for (String s : v.trim().split("\\s+")) parseScope(s).ifPresent(out::add);
        return out;
    }

    public boolean allows(Action action) {
        return actions.contains(action.wire());
    }

    /** In a stable order, for the JWT claim. */
    public List<String> sortedActions() {
        return actions.stream().sorted().toList();
    }

    public String scope() {
        return type + ":" + name + ":" + String.join(",", sortedActions());
    }
}
