package io.spyglass.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sections of {@code data/catalog-fixtures/EXPECTED-packages.txt}: for a fixture file, the
 * {@code name<TAB>version} lines a correct cataloger finds. Tests look a section up by its fixture
 * path (as written after {@code fixture:}) and compare exactly.
 */
public final class ExpectedPackages {
    public static final String FILE = "data/catalog-fixtures/EXPECTED-packages.txt";

    /** One section: ecosystem heading, fixture path, and the expected "name\tversion" lines in file order. */
    public record Section(String ecosystem, String fixture, List<String> packages) {
        public Section {
            packages = List.copyOf(packages);
        }
    }

    private ExpectedPackages() {}

    /** The section for a fixture (exact {@code fixture:} text); skips the test when the shared data is absent. */
    public static Section forFixture(String fixture) {
        return all().stream().filter(s -> s.fixture().equals(fixture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section with fixture: " + fixture + " in " + FILE));
    }

    /** The fixture folder ({@code data/catalog-fixtures}) resolved, or the test is skipped. */
    public static Path fixturesRoot() {
        return SharedData.require("data/catalog-fixtures");
    }

    public static List<Section> all() {
        Path file = SharedData.require(FILE);
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Section> parse(List<String> lines) {
        List<Section> sections = new ArrayList<>();
        String ecosystem = null;
        String fixture = null;
        List<String> packages = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("## ecosystem:")) {
                if (ecosystem != null) sections.add(new Section(ecosystem, fixture, packages));
                ecosystem = line.substring("## ecosystem:".length()).trim();
                fixture = null;
                packages = new ArrayList<>();
            } else if (line.startsWith("fixture:")) {
                fixture = line.substring("fixture:".length()).trim();
            } else if (ecosystem != null && line.contains("\t") && !line.startsWith("#")) {
                packages.add(line);
            }
        }
        if (ecosystem != null) sections.add(new Section(ecosystem, fixture, packages));
        return sections;
    }
}
