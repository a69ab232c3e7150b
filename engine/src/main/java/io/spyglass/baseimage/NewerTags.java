package io.spyglass.baseimage;

import java.util.Collection;
import java.util.List;

/** The tags of a repository that upgrade a given tag (see {@link TagVersion#isUpgradeOf}), newest first. */
public final class NewerTags {
    private NewerTags() {}

    public static List<String> of(String current, Collection<String> tags) {
        TagVersion base = TagVersion.parse(current);
        if (!base.hasVersion()) return List.of();
        return tags.stream().distinct().map(TagVersion::parse)
                .filter(t -> t.isUpgradeOf(base))
                .sorted((a, b) -> b.compareVersions(a))
                .map(TagVersion::tag)
                .toList();
    }
}
