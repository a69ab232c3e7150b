package io.spyglass.server.web;

/** One repository in a list; {@code worst} is the analysis of its worst tag. */
record RepoSummaryRow(String fullName, String url, boolean isPrivate, String description, int tagCount,
                      String lastPushed, AnalysisCell worst) {}
