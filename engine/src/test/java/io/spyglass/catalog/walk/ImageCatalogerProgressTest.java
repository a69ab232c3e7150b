package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.progress.RecordingProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk tells its listener of each layer, in order, with the layer's size and every byte of its blob. */
class ImageCatalogerProgressTest {
    @TempDir
    Path tmp;

    @Test
    void eachLayerIsOneTaskWhoseBytesAreTheWholeBlob() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("var/lib/db.pkgs", "a 1\nb 1\n").file("big", "x".repeat(300_000)),
                        TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("var/lib/db.pkgs", "a 1\nb 2\n"), TestLayout.Compression.NONE);
        RecordingProgress progress = new RecordingProgress();
        Image image;
        try (OciLayoutSource source = OciLayoutSource.open(layout.write(), null)) {
            image = source.resolve(Platform.LINUX_AMD64);
            new ImageCataloger(List.of(new LineCataloger()), WalkLimits.DEFAULT, progress).catalog(source, image);
        }
        List<RecordingProgress.Task> tasks = progress.tasks();
        assertThat(tasks).hasSize(2);
        for (int i = 0; i < 2; i++) {
            RecordingProgress.Task task = tasks.get(i);
            long size = image.layers().get(i).size();
            assertThat(task.label).startsWith("layer " + (i + 1) + "/2 " + layout.layerDigest(i).substring(0, 19));
            assertThat(task.total).isEqualTo(size);
            assertThat(task.bytes).as("bytes of layer %d", i + 1).isEqualTo(size);
            assertThat(task.ended).isTrue();
        }
    }
}
