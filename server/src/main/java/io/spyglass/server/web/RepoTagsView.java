package io.spyglass.server.web;

import java.util.List;

/** The repository's Tags tab: every tag, sorted and paged. Null URLs mean no such page. */
record RepoTagsView(Frame frame, RepoHeader header, List<TagRow> tags, String sort, int page, int pages,
                    String previousUrl, String nextUrl) {
    RepoTagsView {
        tags = List.copyOf(tags);
    }
}
