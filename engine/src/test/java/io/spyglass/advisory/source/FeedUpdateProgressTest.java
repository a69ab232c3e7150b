package io.spyglass.advisory.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spyglass.advisory.FileAdvisoryStore;
import io.spyglass.progress.RecordingProgress;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db update} of one feed: a task per download with its size and bytes, then the import's task naming the file. */
class FeedUpdateProgressTest {
    @TempDir
    Path db;

    @Test
    void downloadThenImportAreEachOneTask() throws Exception {
        Path file = ImporterFixtures.advisories("golang-vulndb/data/osv/GO-2024-3228.json");
        byte[] body = Files.readAllBytes(file);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/GO-2024-3228.json", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try {
            RecordingProgress progress = new RecordingProgress();
            URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/GO-2024-3228.json");
            FeedUpdate.Outcome outcome = new FeedUpdate(Duration.ofSeconds(5)).update("go", List.of(url), new FileAdvisoryStore(db), progress);
            assertThat(outcome).isInstanceOf(FeedUpdate.Updated.class);
            List<RecordingProgress.Task> tasks = progress.tasks();
            assertThat(tasks).extracting(t -> t.label).containsExactly("download GO-2024-3228.json", "import go");
            assertThat(tasks.get(0).total).isEqualTo(body.length);
            assertThat(tasks.get(0).bytes).isEqualTo(body.length);
            assertThat(tasks.get(1).items).singleElement().asString().endsWith("GO-2024-3228.json");
            assertThat(tasks.get(1).bytes).isEqualTo(body.length);
            assertThat(tasks).allMatch(t -> t.ended);
        } finally {
            http.stop(0);
        }
    }
}
