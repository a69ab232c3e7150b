package io.spyglass.catalog.githubactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GithubActionsCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/githubactions/testdata/";
    private final GithubActionsCataloger cataloger = new GithubActionsCataloger();

    private static Path fixture(String relative) {
        return ExpectedPackages.fixturesRoot().resolve(TESTDATA + relative);
    }

    @Test
    void globPaths() {
        assertThat(CatalogTester.wantedPaths(cataloger, fixture("glob"))).containsExactly(
                ".github/actions/bootstrap/action.yaml", ".github/actions/unbootstrap/action.yml",
                ".github/workflows/release.yml", ".github/workflows/validations.yaml");
        assertThat(GithubActionsCataloger.isWorkflow("repo/.github/workflows/sub/x.yml")).isFalse();
        assertThat(GithubActionsCataloger.isWorkflow("repo/.github/workflows/x.json")).isFalse();
    }

    @Test
    void workflowMatchesExpectedExceptLocalActions() {
        var section = ExpectedPackages.forFixture(TESTDATA + "workflow-multi-job.yaml");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()),
                "src/.github/workflows/workflow-multi-job.yaml");
        // syft also lists the local action ./.github/actions/bootstrap (no version, no purl); a local
        // action is part of the repository itself, so Spyglass does not report it as a package
        assertThat(section.packages()).contains("./.github/actions/bootstrap\t");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(
                section.packages().stream().filter(nv -> !nv.startsWith("./")).toList());
        assertThat(result.packages()).extracting(Package::purl)
                .contains("pkg:github/actions/cache@v3#restore", "pkg:github/actions/checkout@v4");
    }

    @Test
    void compositeActionMatchesExpectedWithCommentVersions() {
        var section = ExpectedPackages.forFixture(TESTDATA + "composite-action.yaml");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()),
                ".github/actions/bootstrap/action.yaml");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).extracting(Package::purl).contains("pkg:github/actions/checkout@11");
    }

    @Test
    void reusableWorkflowsAreCounted() {
        var result = CatalogTester.catalogFile(cataloger, fixture("workflow-with-version-comments.yaml"),
                ".github/workflows/validations.yaml");
        assertThat(result.nameVersions()).containsExactlyInAnyOrder(
                "octo-org/this-repo/.github/workflows/workflow-1.yml\tv1.0.0", "actions/checkout\tv4.2.2");
        assertThat(result.packages()).extracting(Package::purl)
                .contains("pkg:github/octo-org/this-repo@v1.0.0#.github/workflows/workflow-1.yml");
    }

    @ParameterizedTest
    @CsvSource({"corrupt/workflow-multi-job.yaml, .github/workflows/ci.yaml",
                "corrupt/composite-action.yaml, .github/actions/x/action.yaml"})
    void corruptYamlIsAnUnknownNamingTheFile(String file, String imagePath) {
        ParseResult r = CatalogTester.parse(cataloger, fixture(file), imagePath);
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo(imagePath));
    }

    @Test
    void yamlAliasBombIsNotExpanded(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        // "billion laughs": nine levels of nine aliases would expand to 9^9 nodes
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) y.append(i == 0 ? "" : ",").append('*').append(p);
            y.append("]\n");
        }
        y.append("jobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n        with: {x: *i}\n");
        Path file = tmp.resolve("bomb.yml");
        java.nio.file.Files.writeString(file, y.toString());
        // Jackson's YAML reader does not expand aliases (an alias reads as its anchor's name), so the
        // file is read in its own size; expanded, its 387M strings would exhaust the heap
        // (a workflow's uses: never sits behind an alias in practice)
        ParseResult r = CatalogTester.parse(cataloger, file, ".github/workflows/bomb.yml");
        assertThat(r.packages()).extracting(Package::purl).containsExactly("pkg:github/actions/checkout@v4");
        assertThat(r.unknowns()).isEmpty();
    }

    @Test
    void anOddUsesValueLosesOnlyItself(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        Path file = tmp.resolve("ci.yml");
        java.nio.file.Files.writeString(file, "x: &co actions/checkout@v4\njobs:\n  a:\n    steps:\n"
                + "      - uses: *co\n      - uses: actions/setup-go@v5\n      - uses: docker://alpine:3.20\n");
        ParseResult r = CatalogTester.parse(cataloger, file, ".github/workflows/ci.yml");
        assertThat(r.packages()).extracting(Package::purl).containsExactly("pkg:github/actions/setup-go@v5");
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("'co'"));
    }
}
