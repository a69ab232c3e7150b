package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db update --mirror}: the built-in Go feed read from a local copy of osv.dev's bucket, then a 304. */
class DbUpdateMirrorTest {
    @TempDir Path db;

    @Test
    void updateReadsTheDefaultFeedFromAMirrorAndASecondRunIsUnchanged() throws Exception {
        Path osv = SharedData.require("data/advisories/golang-vulndb/data/osv");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (String id : List.of("GO-2023-2102", "GO-2024-2687", "GO-2022-1059")) {
                z.putNextEntry(new ZipEntry(id + ".json"));
                z.write(Files.readAllBytes(osv.resolve(id + ".json")));
                z.closeEntry();
            }
        }
        byte[] body = zip.toByteArray();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/osv-vulnerabilities.storage.googleapis.com/Go/all.zip", ex -> {
            try (ex) {
                seen.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("If-None-Match"));
                ex.getResponseHeaders().set("ETag", "\"go-1\"");
                if ("\"go-1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CliRun first = CliRun.of("db", "update", "--db", db.toString(), "--source", "go", "--mirror", mirror);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("go: 3 records from 3 files");

            CliRun second = CliRun.of("db", "update", "--db", db.toString(), "--source", "go", "--mirror", mirror);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("go: unchanged since the last update, nothing imported");
            assertThat(seen).containsExactly("/osv-vulnerabilities.storage.googleapis.com/Go/all.zip null",
                    "/osv-vulnerabilities.storage.googleapis.com/Go/all.zip \"go-1\"");
            assertThat(CliRun.of("db", "status", "--db", db.toString()).out()).containsPattern("go\\s+advisory\\s+3\\s");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMirrorThatIsNotAnHttpUrlIsRefused() {
        CliRun bad = CliRun.of("db", "update", "--db", db.toString(), "--mirror", "ftp://example.org/");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--mirror must be an http(s) URL");
    }
}
