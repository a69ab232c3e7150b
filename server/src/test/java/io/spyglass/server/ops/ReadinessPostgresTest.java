package io.spyglass.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.testing.PostgresFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} on PostgreSQL: 503 naming the database while it is stopped, 200 again once it is back; {@code /healthz} stays 200. */
class ReadinessPostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aStoppedDatabaseMakesTheNodeNotReadyUntilItIsBack() throws Exception {
        PostgresFixture pg = PostgresFixture.startOwn();
        try (ServerFixture fx = ServerFixture.start(new ServerConfig(0, dir.resolve("data"))
                .withDatabase(new DatabaseConfig(pg.newDatabase(), null, null)))) {
            HttpResponse<byte[]> ready = fx.send("GET", "/readyz", null, null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).path("checks").path("migrations").asText()).isEqualTo("ok");

            pg.halt();
            long asked = System.currentTimeMillis();
            HttpResponse<byte[]> down = fx.send("GET", "/readyz", null, null);
            assertThat(System.currentTimeMillis() - asked).as("answers within its deadline").isLessThan(15_000);
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(down.body());
            assertThat(body.path("status").asText()).isEqualTo("not ready");
            assertThat(body.path("failed").toString()).contains("database").doesNotContain("blobStore");
            assertThat(body.path("checks").path("database").asText()).isNotEqualTo("ok");
            assertThat(body.path("checks").path("blobStore").asText()).isEqualTo("ok");
            assertThat(new String(down.body())).doesNotContain("password=");
            assertThat(fx.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
            // /metrics still answers (with the last job and advisory values)
            assertThat(fx.send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);

            pg.resume();
            int status = 0;
            for (long deadline = System.currentTimeMillis() + 90_000; System.currentTimeMillis() < deadline && status != 200; ) {
                status = fx.send("GET", "/readyz", null, null).statusCode();
                if (status != 200) Thread.sleep(500);
            }
            assertThat(status).isEqualTo(200);
        } finally {
            pg.close();
        }
    }
}
