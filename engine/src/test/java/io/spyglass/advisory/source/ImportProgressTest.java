package io.spyglass.advisory.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.progress.RecordingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** An import is one task that names each file it reads and counts its bytes. */
class ImportProgressTest {
    @Test
    void everyFileReadIsNamedAndCounted() throws IOException {
        Path go = ImporterFixtures.advisories("golang-vulndb");
        RecordingProgress progress = new RecordingProgress();
        ImportResult result = Importers.forSource("go").orElseThrow().read(List.of(go), progress);
        assertThat(progress.tasks()).hasSize(1);
        RecordingProgress.Task task = progress.tasks().get(0);
        assertThat(task.label).isEqualTo("import go");
        assertThat(task.items).hasSize(result.files()).allMatch(n -> n.endsWith(".json"));
        long bytes;
        try (Stream<Path> files = Files.walk(go)) {
            bytes = files.filter(f -> task.items.contains(f.toString())).mapToLong(ImportProgressTest::size).sum();
        }
        assertThat(task.bytes).isEqualTo(bytes).isPositive();
        assertThat(task.ended).isTrue();
    }

    @Test
    void withoutAListenerTheWalkTellsNoOne() {
        RecordingProgress progress = new RecordingProgress();
        Importers.forSource("go").orElseThrow().read(List.of(ImporterFixtures.advisories("golang-vulndb")), progress);
        // a later import on the same thread without a listener is not reported to the earlier one
        Importers.forSource("go").orElseThrow().read(ImporterFixtures.advisories("golang-vulndb"));
        assertThat(progress.tasks()).hasSize(1);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
