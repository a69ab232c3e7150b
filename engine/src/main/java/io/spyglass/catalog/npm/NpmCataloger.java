package io.spyglass.catalog.npm;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * JavaScript packages. What is installed wins: each {@code package.json} of a package folder inside
 * {@code node_modules} (scoped and nested too), and of each module Debian installs under its node
 * roots ({@code /usr/share/nodejs/<name>}, see {@link DebianNodeRoots}). Lock files ({@code package-lock.json} v1–v3,
 * {@code yarn.lock} v1 and berry, {@code pnpm-lock.yaml}) count only for a project folder that has
 * no installed packages (see {@link NpmProjects}), and never inside an installed package of any
 * ecosystem ({@link PackageStores}: below {@code node_modules}, a gem's folder, …). An application's own {@code package.json} outside
 * {@code node_modules} is the application, not a dependency, and is not read at all.
 */
public final class NpmCataloger implements Cataloger {
    @Override
    public String name() {
        return "javascript-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String name = entry.fileName();
        return switch (name) {
            case "package.json" -> NpmPackages.isInstalledManifest(entry.path()) || DebianNodeRoots.isModuleManifest(entry.path());
            case "package-lock.json", "yarn.lock", "pnpm-lock.yaml" -> !PackageStores.contains(entry.path());
            default -> false;
        };
    }

    /** Node reads a manifest through a link: Debian's lodash-es folder links {@code package.json} to lodash's. */
    @Override
    public boolean followsSymlinks() {
        return true;
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        String path = entry.path();
        return FileContent.guard(entry, () -> switch (entry.fileName()) {
            case "package.json" -> PackageJsonParser.parse(path, FileContent.json(content));
            case "package-lock.json" -> PackageLockParser.parse(path, FileContent.json(content));
            case "yarn.lock" -> YarnLockParser.parse(path, FileContent.text(content));
            case "pnpm-lock.yaml" -> PnpmLockParser.parse(path, FileContent.text(content));
            default -> ParseResult.EMPTY;
        });
    }

    @Override
    public List<Package> select(List<Package> found) {
        return NpmProjects.select(found);
    }
}
