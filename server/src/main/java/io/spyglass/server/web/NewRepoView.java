package io.spyglass.server.web;

import java.util.List;

/**
 * The "create a repository" form: the namespaces the viewer owns or administers, and what was typed
 * or chosen, kept when the form is refused.
 */
record NewRepoView(Frame frame, List<String> namespaces, String namespace, String name, String description,
                   boolean isPrivate, String imageInsight, String error) {
    static final List<String> INSIGHT = List.of("none", "basic", "advanced");

    NewRepoView {
        namespaces = List.copyOf(namespaces);
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        imageInsight = imageInsight == null || !INSIGHT.contains(imageInsight) ? "none" : imageInsight;
    }
}
