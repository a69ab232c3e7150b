package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.image.Digest;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin gc} beside a running server: what it prints, what it removes, and its bad input. (Both storage stacks: GcContract.) */
class AdminGcCommandTest {
    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {}

    private Run gc(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 4];
            all[0] = "admin";
            all[1] = "gc";
            System.arraycopy(args, 0, all, 2, args.length);
            all[args.length + 2] = "--data";
            all[args.length + 3] = data.toString();
            return new Run(Main.run(all), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void dryRunListsTheLooseBlobAndTheRealRunRemovesItWhileTheServerRuns() throws Exception {
        try (SpyglassServer server = SpyglassServer.start(new ServerConfig(0, data))) {
            server.hub().users().create("gcadmin", "gcadmin-password");
            byte[] layer = "a layer whose manifest never came".getBytes(StandardCharsets.UTF_8);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/v2/gcadmin/loose/blobs/uploads/?digest=" + digest))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("gcadmin:gcadmin-password".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(layer)).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(201);

            Run young = gc("--dry-run");
            assertThat(young.exit()).as(young.err()).isZero();
            assertThat(young.out()).contains("would delete 0 blob(s), 0 bytes").doesNotContain(digest);

            Run dry = gc("--dry-run", "--min-age", "0");
            assertThat(dry.out()).contains("blob " + digest + " " + layer.length, "would delete 1 blob(s), " + layer.length + " bytes");
            assertThat(server.blobStore().exists(Digest.parse(digest))).isTrue();

            Run real = gc("--min-age", "0", "--delete-untagged");
            assertThat(real.exit()).as(real.err()).isZero();
            assertThat(real.out()).contains("deleted 0 untagged manifest(s)", "deleted 1 blob(s), " + layer.length + " bytes",
                    "deleted 0 abandoned upload(s)").doesNotContain(digest);
            assertThat(server.blobStore().exists(Digest.parse(digest))).isFalse();
        }
    }

    @Test
    void aBadDurationIsNamed() {
        Run r = gc("--min-age", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--min-age 'soon' is not a duration");
    }
}
