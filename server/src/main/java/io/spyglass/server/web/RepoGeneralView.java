package io.spyglass.server.web;

import java.util.List;

/** The repository's General tab: latest tags, pull command, severity chart, and the trend chart's address (null without analysis). */
record RepoGeneralView(Frame frame, RepoHeader header, String pullCommand, String pushTarget, List<TagRow> tags,
                       int tagCount, SeverityCounts chart, String trendUrl) {
    RepoGeneralView {
        tags = List.copyOf(tags);
    }

    /** One analysed tag in the "at a glance" chart; {@code width} is its total as a percentage of the largest. */
    record GlanceBar(String tag, String url, SeverityCounts counts, int width) {}

    /** The listed tags that have counts, in list order, each bar scaled to the tag with the most findings. */
    List<GlanceBar> glance() {
        List<TagRow> counted = tags.stream().filter(t -> t.analysis().hasCounts()).toList();
        int max = counted.stream().mapToInt(t -> t.analysis().counts().total()).max().orElse(0);
        return counted.stream().map(t -> new GlanceBar(t.name(), t.url(), t.analysis().counts(),
                max == 0 ? 0 : Math.max(1, t.analysis().counts().total() * 100 / max))).toList();
    }
}
