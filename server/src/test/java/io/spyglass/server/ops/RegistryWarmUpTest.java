package io.spyglass.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The warm-up only pays off if every request takes the real path: it fails on any answer a real
 * push or pull would not get (a changed route or status would otherwise turn it into a silent no-op).
 */
class RegistryWarmUpTest {
    @Test
    void pushesAndPullsThroughAThrowawayInstanceAndLeavesNoFolderBehind() throws Exception {
        Set<Path> before = warmUpFolders();

        int requests = RegistryWarmUp.exercise(3, Duration.ofMinutes(2));

        // per image: /v2/, token, 5 blobs x (HEAD, POST, PATCH, PUT), manifest; then /v2/, token, manifest, 5 blobs
        assertThat(requests).isEqualTo(3 * (2 + 5 * 4 + 1) + 3 * (2 + 1 + 5));
        assertThat(warmUpFolders()).isEqualTo(before);
    }

    @Test
    void aSpentBudgetPushesNothingMore() throws Exception {
        assertThat(RegistryWarmUp.exercise(50, Duration.ZERO)).isZero();
    }

    private static Set<Path> warmUpFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("spyglass-warm-up")).collect(Collectors.toSet());
        }
    }
}
