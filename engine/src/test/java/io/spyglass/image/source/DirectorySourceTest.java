package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.LanguageCatalogers;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fs:DIR} over the package-stores fixture tree (a project with lock files at application
 * roots and the same files inside installed packages): the same packages as each cataloger finds
 * walking the tree, and no symlink reaches out of DIR.
 */
class DirectorySourceTest {
    private Path work;

    @BeforeEach
    void copyTree() throws IOException, URISyntaxException {
        Path fixture = Path.of(DirectorySourceTest.class.getResource("/io/spyglass/catalog/stores").toURI());
        work = Files.createTempDirectory("spyglass-fs-test");
        Path tree = work.resolve("tree");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path f : files.toList()) {
                Path to = tree.resolve(fixture.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
    }

    @AfterEach
    void clean() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aProjectFolderHasTheLockFilePackagesOfItsApplicationRoots() throws IOException {
        Path tree = work.resolve("tree");
        List<String> expected = new ArrayList<>();
        for (Cataloger c : LanguageCatalogers.all()) {
            CatalogTester.catalogTree(c, tree).packages().forEach(p -> expected.add(p.purl()));
        }
        Sbom sbom = DaemonSourceTest.sbom(ImageReference.parse("fs:" + tree).open(RegistryOptions.ANONYMOUS));
        assertThat(DaemonSourceTest.packages(sbom)).isNotEmpty().isEqualTo(expected.stream().sorted().toList());
        assertThat(sbom.packages()).flatExtracting(Package::locations).extracting(Location::path)
                .containsOnly("srv/app/Gemfile.lock", "src/tool/go.mod", "srv/app/.github/workflows/ci.yml");
        assertThat(sbom.image().reference()).isEqualTo("fs:" + tree);
    }

    @Test
    void aRootFilesystemHasTheSbomOfTheImageBuiltFromIt() throws IOException {
        // the corpus Arch image is this rootfs as one layer (../shared/corpus builds both)
        Path rootfs = SharedData.requireCorpus("arch/rootfs");
        Sbom fromImage = DaemonSourceTest.sbom(OciLayoutSource.open(SharedData.requireCorpus("arch/oci"), "arch"));
        Sbom fromFolder = DaemonSourceTest.sbom(ImageReference.parse("fs:" + rootfs).open(RegistryOptions.ANONYMOUS));
        assertThat(DaemonSourceTest.packages(fromFolder)).isNotEmpty().isEqualTo(DaemonSourceTest.packages(fromImage));
        assertThat(fromFolder.distro()).isEqualTo(fromImage.distro());
    }

    @Test
    void symlinksDoNotLeaveTheFolder() throws IOException {
        Path tree = work.resolve("tree");
        // outside the tree: a lock file naming steep 0.47.0, which nothing inside names
        Path outside = Files.createDirectories(work.resolve("outside/app"));
        Files.copy(tree.resolve("usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock"), outside.resolve("Gemfile.lock"));
        Files.createDirectories(tree.resolve("srv/abs"));
        Files.createSymbolicLink(tree.resolve("srv/abs/Gemfile.lock"), outside.resolve("Gemfile.lock"));
        Files.createDirectories(tree.resolve("srv/rel"));
        Files.createSymbolicLink(tree.resolve("srv/rel/Gemfile.lock"), Path.of("../../../outside/app/Gemfile.lock"));
        Files.createSymbolicLink(tree.resolve("srv/dir"), outside);

        Sbom sbom = DaemonSourceTest.sbom(ImageReference.parse("fs:" + tree).open(RegistryOptions.ANONYMOUS));
        assertThat(sbom.packages()).extracting(Package::name).doesNotContain("steep").contains("typeprof");

        // the same file really inside the tree is found: the links were the only way out
        Files.copy(outside.resolve("Gemfile.lock"), Files.createDirectories(tree.resolve("srv/inside")).resolve("Gemfile.lock"));
        Sbom inside = DaemonSourceTest.sbom(ImageReference.parse("fs:" + tree).open(RegistryOptions.ANONYMOUS));
        assertThat(inside.packages()).extracting(Package::name).contains("steep");
    }
}
