package io.spyglass.server.web;

import java.util.List;

/** An organisation: plan, members (owners manage them) and repositories by worst findings. */
record OrgView(Frame frame, String name, String plan, boolean canManage, boolean canCreateRepos, List<MemberRow> members,
               List<RepoSummaryRow> repos, String error, String message) {
    static final List<String> ROLES = List.of("owner", "admin", "member");

    OrgView {
        members = List.copyOf(members);
        repos = List.copyOf(repos);
    }
}
