package io.spyglass.testing;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a cataloger over real files on disk the way the layer walker does (wants → parse → select),
 * like syft's {@code internal/pkgtest}. Parsers never open files; this tester does it for them.
 */
public final class CatalogTester {
    private CatalogTester() {}

    /** What a run found: packages after {@link Cataloger#select}, and unknowns. */
    public record Result(List<Package> packages, List<Unknown> unknowns) {
        /** "name\tversion" lines, sorted: the shape of EXPECTED-packages.txt. */
        public List<String> nameVersions() {
            return CatalogTester.nameVersions(packages);
        }
    }

    /** Parses one file as if it were at {@code imagePath} in an image (the cataloger is not asked whether it wants it). */
    public static ParseResult parse(Cataloger cataloger, Path file, String imagePath) {
        try (InputStream in = Files.newInputStream(file)) {
            return cataloger.parse(new FileEntry(imagePath, Files.size(file), mode(file)), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one file and applies the cross-file rules, as a one-file image would. */
    public static Result catalogFile(Cataloger cataloger, Path file, String imagePath) {
        ParseResult r = parse(cataloger, file, imagePath);
        return new Result(cataloger.select(r.packages()), r.unknowns());
    }

    /** Walks a folder as if it were an image's root: every wanted regular file is parsed, then select() runs. */
    public static Result catalogTree(Cataloger cataloger, Path root) {
        List<Package> found = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !isFuzzSeed(root, f)).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                FileEntry entry = new FileEntry(rel, Files.size(f), mode(f));
                if (!cataloger.wants(entry)) continue;
                try (InputStream in = Files.newInputStream(f)) {
                    ParseResult r = cataloger.parse(entry, in);
                    found.addAll(r.packages());
                    unknowns.addAll(r.unknowns());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(cataloger.select(found), unknowns);
    }

    /**
     * Jazzer keeps a fuzz test's seed inputs beside the fixtures ({@code <TestClass>Inputs/}): they are
     * deliberately cut or broken files, not part of the filesystem a fixture tree stands for.
     */
    private static boolean isFuzzSeed(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().endsWith("FuzzTestInputs")) return true;
        }
        return false;
    }

    /** The paths under {@code root} that the cataloger wants, sorted (syft's glob-paths tests). */
    public static List<String> wantedPaths(Cataloger cataloger, Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !isFuzzSeed(root, f))
                    .map(f -> {
                        try {
                            return new FileEntry(root.relativize(f).toString(), Files.size(f), mode(f));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(cataloger::wants).map(FileEntry::path).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> nameVersions(List<Package> packages) {
        return packages.stream().map(p -> p.name() + "\t" + (p.version() == null ? "" : p.version())).sorted().toList();
    }

    private static int mode(Path f) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        int mode = 0;
        for (PosixFilePermission p : perms) mode |= 1 << (8 - p.ordinal());
        return mode;
    }
}
