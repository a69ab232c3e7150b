package io.spyglass.policy;

import java.util.Collection;
import java.util.stream.Collectors;

/** How details name a few items of a long list. */
final class Lists {
    private Lists() {}

    static String first(Collection<String> items, int shown) {
        String head = items.stream().limit(shown).collect(Collectors.joining(", "));
        return items.size() > shown ? head + " and " + (items.size() - shown) + " more" : head;
    }
}
