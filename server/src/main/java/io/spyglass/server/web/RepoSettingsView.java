package io.spyglass.server.web;

/**
 * The Settings tab form, filled with the stored values or with what was posted when it was refused.
 *
 * @param imageInsight "advanced", "basic" or "none"
 * @param error        why the posted form was refused, or null
 * @param deleteError  why the posted delete form was refused, or null
 * @param baseImageSource whether the repository is a source of base images; null without analysis
 * @param vex          the VEX documents section
 */
record RepoSettingsView(Frame frame, RepoHeader header, boolean isPrivate, String description, String imageInsight,
                        boolean advancedAllowed, String plan, String error, boolean saved,
                        String deleteError, Boolean baseImageSource, VexSettings vex) {}
