package io.spyglass.catalog.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotnetCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/dotnet/testdata/";
    private final DotnetCataloger cataloger = new DotnetCataloger();

    @Test
    void globPaths() {
        assertThat(CatalogTester.wantedPaths(cataloger, ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths")))
                .containsExactly("src/packages.lock.json", "src/something.deps.json");
    }

    @Test
    void depsJsonMatchesExpectedPackageEntries() throws IOException {
        var section = ExpectedPackages.forFixture(TESTDATA + "dir-example-1/TestLibrary.deps.json");
        Path file = ExpectedPackages.fixturesRoot().resolve(section.fixture());
        // syft's list also names the two "type": "project" libraries (the application itself and its
        // project reference); Spyglass reports NuGet packages only, so those are expected absent
        Set<String> projects = new HashSet<>();
        JsonNode libraries = new ObjectMapper().readTree(file.toFile()).path("libraries");
        libraries.properties().forEach(e -> {
            if (e.getValue().path("type").asText().equals("project")) projects.add(e.getKey().replace('/', '\t'));
        });
        assertThat(projects).containsExactlyInAnyOrder("TestLibrary\t1.0.0", "TestCommon\t1.0.0");
        var result = CatalogTester.catalogFile(cataloger, file, "app/TestLibrary.deps.json");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(
                section.packages().stream().filter(nv -> !projects.contains(nv)).toList());
        assertThat(result.packages()).extracting(Package::purl).contains("pkg:nuget/Newtonsoft.Json@13.0.1");
    }

    @Test
    void packagesLockAcrossFrameworks() {
        var result = CatalogTester.catalogFile(cataloger,
                ExpectedPackages.fixturesRoot().resolve(TESTDATA + "packages.lock.json"), "src/packages.lock.json");
        assertThat(result.nameVersions()).containsExactlyInAnyOrder(
                "AutoMapper\t13.0.1", "bootstrap\t5.0.0", "log4net\t2.0.5", "log4net\t1.2.15",
                "Microsoft.Extensions.DependencyInjection.Abstractions\t9.0.0", "Microsoft.Extensions.Logging\t9.0.0",
                "Microsoft.Extensions.Options\t9.0.0", "Microsoft.Extensions.Primitives\t9.0.0",
                "System.Runtime.CompilerServices.Unsafe\t9.0.0");
    }

    @Test
    void packagesConfigLeavesOutDevelopmentDependencies() throws Exception {
        Path file = Path.of(getClass().getResource("packages.config").toURI());
        var result = CatalogTester.catalogFile(cataloger, file, "site/packages.config");
        assertThat(result.nameVersions()).containsExactlyInAnyOrder("Antlr\t3.5.0.2", "bootstrap\t3.4.1",
                "jQuery\t3.4.1", "Microsoft.AspNet.Mvc\t5.2.7", "Newtonsoft.Json\t12.0.2");
    }

    @Test
    void xmlWithExternalEntityIsRefusedAsAnUnknown(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("packages.config");
        Files.writeString(file, "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<packages><package id=\"&x;\" version=\"1\"/></packages>");
        ParseResult r = CatalogTester.parse(cataloger, file, "site/packages.config");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("site/packages.config"));
    }

    @Test
    void malformedDepsJsonIsAnUnknown(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("x.deps.json");
        Files.writeString(file, "{\"libraries\": {\"A/1.0\": {\"type\": \"package\"}, ");
        ParseResult r = CatalogTester.parse(cataloger, file, "app/x.deps.json");
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("app/x.deps.json"));
    }
}
