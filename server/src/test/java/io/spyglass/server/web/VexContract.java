package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.image.Digest;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import io.spyglass.server.testing.WithoutRequestId;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * VEX on the server, on a real analysis: the corpus Debian image pushed with skopeo, the shared
 * GHSA records imported (lodash 4.17.15 gets CVE-2020-28500). A {@code not_affected} statement for
 * that finding, uploaded through the API or the Settings page, or pushed over the registry API as an
 * OCI artifact whose subject is the image, suppresses it: still listed, with the justification,
 * author and time, but not counted. The image's layer blobs are deleted from storage before any of
 * this, so re-evaluating after a VEX change provably reads no layer. Run on both storage stacks
 * ({@link VexSqliteTest}, {@link VexPostgresS3Test}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VexContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CVE = "CVE-2020-28500";
    private static final String JUSTIFICATION = "vulnerable_code_not_in_execute_path";
    private static final String TAG_API = "/api/repositories/acme/app/tags/1.0";

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private User olivia;
    private User mallory;
    private String imageDigest;
    private String lodashPurl;
    private String severity;
    private long expectedDrop;
    private long layerReads;

    /** A server on this test's storage stack, keeping its local files under {@code dir}. */
    protected abstract WebServer startServer(Path dir) throws Exception;

    @BeforeAll
    void pushAnalyseImportAndDropTheLayers() throws Exception {
        Path debian = SharedData.requireCorpus("debian/oci");
        server = startServer(data);
        olivia = server.user("olivia");
        mallory = server.user("mallory");
        server.user("outsider");
        Organization acme = server.org("acme", Plan.TEAM, olivia);
        server.member(acme, mallory, Role.MEMBER);
        server.hub().repositories().create(acme.name(), "app", false);
        server.hub().repositories().update(server.repo("acme", "app"), false, "", "advanced");
        server.push(debian, "bookworm", "acme/app:1.0", "olivia");
        server.awaitReport(olivia, "acme", "app", "1.0", r -> r.summary().status().equals("done"));
        server.importGhsa();
        ReportModel.TagReport report = server.awaitReport(olivia, "acme", "app", "1.0",
                r -> r.images().get(0).packages().stream().anyMatch(p -> p.findings().stream().anyMatch(f -> f.vulnerabilityId().equals(CVE))));
        ImageReport image = report.images().get(0);
        imageDigest = image.digest();
        PackageInfo lodash = image.packages().stream().filter(p -> p.name().equals("lodash")).findFirst().orElseThrow();
        lodashPurl = lodash.purl();
        severity = lodash.findings().stream().filter(f -> f.vulnerabilityId().equals(CVE)).findFirst().orElseThrow().severity();
        expectedDrop = image.packages().stream().filter(p -> lodashPurl.equals(p.purl()))
                .flatMap(p -> p.findings().stream()).filter(f -> f.vulnerabilityId().equals(CVE)).count();
        // no layer is read from here on: their bytes are gone from the blob store
        for (ReportModel.LayerInfo layer : image.layers()) {
            Digest digest = Digest.parse(layer.digest());
            server.blobs().delete(digest);
            assertThat(server.blobs().exists(digest)).isFalse();
        }
        layerReads = server.analysis().layerReads();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @AfterEach
    void noLayerWasRead() {
        assertThat(server.analysis().layerReads()).as("layers read by VEX re-evaluation").isEqualTo(layerReads);
    }

    @Test
    void anUploadedNotAffectedStatementSuppressesTheFindingWithoutCountingIt() throws Exception {
        JsonNode before = api("GET", TAG_API, olivia.name(), null);
        HttpResponse<String> uploaded = send("POST", "/api/repositories/acme/app/vex", olivia.name(),
                notAffected("urn:uuid:upload-1", "pkg:oci/app@" + imageDigest + "?repository_url=localhost/acme/app", lodashPurl));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode change = JSON.readTree(uploaded.body());
        assertThat(change.path("findingsChanged").asLong()).isEqualTo(expectedDrop);
        assertThat(change.path("imagesReevaluated").asInt()).isEqualTo(1);
        long id = change.path("document").path("id").asLong();
        try {
            JsonNode after = api("GET", TAG_API, olivia.name(), null);
            assertThat(count(after.path("summary"), severity)).isEqualTo(count(before.path("summary"), severity) - expectedDrop);
            assertThat(expectedDrop).isEqualTo(1);
            assertThat(count(after.path("images").get(0), severity)).isEqualTo(count(before.path("images").get(0), severity) - 1);
            JsonNode finding = finding(after, CVE);
            assertThat(finding.path("suppressed").asBoolean()).isTrue();
            assertThat(finding.path("vex").path("status").asText()).isEqualTo("not_affected");
            assertThat(finding.path("vex").path("justification").asText()).isEqualTo(JUSTIFICATION);
            assertThat(finding.path("vex").path("author").asText()).isEqualTo("Security Team <sec@acme.example>");
            assertThat(finding.path("vex").path("statedAt").asLong()).isEqualTo(java.time.Instant.parse("2026-11-01T10:00:00Z").toEpochMilli());
            assertThat(finding.path("vex").path("text").asText()).isEqualTo("Suppressed by VEX: " + JUSTIFICATION);
            // only that finding: every other one keeps counting
            assertThat(findings(after).stream().filter(f -> f.path("suppressed").asBoolean()).count()).isEqualTo(expectedDrop);

            String html = server.get(signedIn(olivia), "/r/acme/app/-/tags/1.0/vulnerabilities?type=npm").body();
            String row = section(html, "data-vulnerability=\"" + CVE + "\"", "</details>");
            assertThat(row).contains("class=\"vex suppressed\">Suppressed by VEX: " + JUSTIFICATION,
                    "stated by Security Team &lt;sec@acme.example&gt;", "Not counted in this tag");

            JsonNode history = api("GET", TAG_API + "/history", olivia.name(), null);
            assertThat(history).anySatisfy(h -> {
                assertThat(h.path("vulnerabilityId").asText()).isEqualTo(CVE);
                assertThat(h.path("change").asText()).isEqualTo("suppressed");
                assertThat(h.path("reason").asText()).contains(JUSTIFICATION, "Security Team");
            });
            assertThat(server.get(signedIn(olivia), "/r/acme/app/-/tags/1.0/history").body()).contains("suppressed", JUSTIFICATION);
            assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.path("documentId").asText()).isEqualTo("urn:uuid:upload-1");
                        assertThat(d.path("source").asText()).isEqualTo("upload");
                        assertThat(d.path("addedBy").asText()).isEqualTo("olivia");
                    });
        } finally {
            assertThat(send("DELETE", "/api/repositories/acme/app/vex/" + id, olivia.name(), null).statusCode()).isEqualTo(200);
        }
        JsonNode restored = api("GET", TAG_API, olivia.name(), null);
        assertThat(count(restored.path("summary"), severity)).as("deleted: the finding counts again").isEqualTo(count(before.path("summary"), severity));
        assertThat(finding(restored, CVE).path("suppressed").asBoolean()).isFalse();
        assertThat(api("GET", TAG_API + "/history", olivia.name(), null)).anySatisfy(h -> {
            assertThat(h.path("change").asText()).isEqualTo("unsuppressed");
            assertThat(h.path("reason").asText()).isEqualTo("VEX statement withdrawn");
        });
    }

    @Test
    void aVexArtifactPushedWithTheImageAsSubjectSuppressesTheFindingUntilItIsDeleted() throws Exception {
        JsonNode before = api("GET", TAG_API, olivia.name(), null);
        // a package product alone (no image): the statement covers lodash wherever it is in this repository
        String artifact = pushVexArtifact(notAffected("urn:uuid:pushed-1", lodashPurl, null));
        JsonNode referrers = JSON.readTree(send("GET", "/v2/acme/app/referrers/" + imageDigest, olivia.name(), null).body());
        assertThat(referrers.path("manifests")).anySatisfy(m -> {
            assertThat(m.path("digest").asText()).isEqualTo(artifact);
            assertThat(m.path("artifactType").asText()).isEqualTo("application/vnd.openvex+json");
        });
        JsonNode after = api("GET", TAG_API, olivia.name(), null);
        assertThat(count(after.path("summary"), severity)).isEqualTo(count(before.path("summary"), severity) - expectedDrop);
        JsonNode finding = finding(after, CVE);
        assertThat(finding.path("suppressed").asBoolean()).isTrue();
        assertThat(finding.path("vex").path("documentId").asText()).isEqualTo("urn:uuid:pushed-1");
        assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents")).singleElement()
                .satisfies(d -> {
                    assertThat(d.path("source").asText()).isEqualTo("referrer");
                    assertThat(d.path("referrer").asText()).isEqualTo(artifact);
                });
        assertThat(api("GET", TAG_API + "/history", olivia.name(), null)).anySatisfy(h -> {
            assertThat(h.path("vulnerabilityId").asText()).isEqualTo(CVE);
            assertThat(h.path("change").asText()).isEqualTo("suppressed");
        });

        assertThat(send("DELETE", "/v2/acme/app/manifests/" + artifact, olivia.name(), null).statusCode()).isEqualTo(202);
        JsonNode restored = api("GET", TAG_API, olivia.name(), null);
        assertThat(count(restored.path("summary"), severity)).isEqualTo(count(before.path("summary"), severity));
        assertThat(finding(restored, CVE).path("suppressed").asBoolean()).isFalse();
        assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents")).isEmpty();
    }

    @Test
    void aBadDocumentIsRefusedWithTheReasonAndEarlierDocumentsStayInForce() throws Exception {
        HttpResponse<String> good = send("POST", "/api/repositories/acme/app/vex", olivia.name(),
                notAffected("urn:uuid:kept", imageDigest, lodashPurl));
        long id = JSON.readTree(good.body()).path("document").path("id").asLong();
        try {
            String noProduct = notAffected("urn:uuid:bad", imageDigest, lodashPurl).replaceAll("\"products\"\\s*:\\s*\\[[^\\]]*\\]\\s*\\}\\s*\\]", "\"products\": []");
            assertThat(noProduct).contains("\"products\": []");
            assertRefused("", "the document is empty");
            assertRefused("{\"statements\": [", "not JSON");
            assertRefused(noProduct, "statement 1 (" + CVE + ") names no product");
            assertRefused(notAffected("urn:uuid:bad", imageDigest, lodashPurl).replace("\"not_affected\"", "\"maybe\""),
                    "unknown status 'maybe'");
            assertRefused(notAffected("urn:uuid:bad", imageDigest, lodashPurl).replace(JUSTIFICATION, "trust_me"),
                    "unknown justification 'trust_me'");
            // the same refusal for a pushed artifact: the manifest is not stored
            HttpResponse<String> pushed = pushVexArtifactResponse("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"x\", \"statements\": []}");
            assertThat(pushed.statusCode()).isEqualTo(400);
            assertThat(pushed.body()).contains("MANIFEST_INVALID", "the document has no statements");
            assertThat(JSON.readTree(send("GET", "/v2/acme/app/referrers/" + imageDigest, olivia.name(), null).body()).path("manifests")).isEmpty();

            assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents"))
                    .extracting(d -> d.path("documentId").asText()).containsExactly("urn:uuid:kept");
            assertThat(finding(api("GET", TAG_API, olivia.name(), null), CVE).path("suppressed").asBoolean()).isTrue();
        } finally {
            send("DELETE", "/api/repositories/acme/app/vex/" + id, olivia.name(), null);
        }
    }

    @Test
    void onlyOwnersAndAdminsUploadAndPrivateRepositoriesStayPrivate() throws Exception {
        String doc = notAffected("urn:uuid:not-mine", imageDigest, lodashPurl);
        HttpResponse<String> member = send("POST", "/api/repositories/acme/app/vex", mallory.name(), doc);
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/repositories/acme/app/vex", null, doc).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents")).isEmpty();
        assertThat(finding(api("GET", TAG_API, olivia.name(), null), CVE).path("suppressed").asBoolean()).isFalse();

        HttpClient memberPage = signedIn(mallory);
        String csrf = AccountPagesTest.csrf(server.get(memberPage, "/r/acme/app/").body());
        assertThat(server.postForm(memberPage, "/r/acme/app/-/settings", List.of("csrf", csrf, "action", "vex-upload",
                "vex_document", doc)).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents")).isEmpty();

        server.hub().repositories().update(server.repo("acme", "app"), true, null, null);
        try {
            HttpResponse<String> outsider = send("GET", "/api/repositories/acme/app/vex", "outsider", null);
            HttpResponse<String> missing = send("GET", "/api/repositories/acme/nothing/vex", "outsider", null);
            assertThat(outsider.statusCode()).isEqualTo(404);
            assertThat(WithoutRequestId.of(outsider.body()))
                    .isEqualTo(WithoutRequestId.of(missing.body().replace("nothing", "app")));
            assertThat(send("POST", "/api/repositories/acme/app/vex", "outsider", doc).statusCode()).isEqualTo(404);
            assertThat(send("GET", "/api/repositories/acme/app/vex", mallory.name(), null).statusCode()).isEqualTo(200);
        } finally {
            server.hub().repositories().update(server.repo("acme", "app"), false, null, null);
        }
    }

    @Test
    void theSettingsPageListsUploadsAndRefusesBadDocuments() throws Exception {
        HttpClient owner = signedIn(olivia);
        String settings = server.get(owner, "/r/acme/app/-/settings").body();
        assertThat(settings).contains("VEX documents", "No VEX documents yet.");
        String csrf = AccountPagesTest.csrf(settings);
        HttpResponse<String> refused = server.postForm(owner, "/r/acme/app/-/settings", List.of("csrf", csrf, "action", "vex-upload",
                "vex_document", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"urn:x\"}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The VEX document was refused: the document has no statements");
        HttpResponse<String> forged = server.postForm(owner, "/r/acme/app/-/settings", List.of("csrf", "forged", "action", "vex-upload",
                "vex_document", notAffected("urn:uuid:form", imageDigest, lodashPurl)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents")).isEmpty();

        HttpResponse<String> saved = server.postForm(owner, "/r/acme/app/-/settings", List.of("csrf", csrf, "action", "vex-upload",
                "vex_document", notAffected("urn:uuid:form", imageDigest, lodashPurl)));
        assertThat(saved.statusCode()).isEqualTo(302);
        String listed = server.get(owner, "/r/acme/app/-/settings?vex=1").body();
        assertThat(listed).contains("data-vex=\"urn:uuid:form\"", "Security Team", "uploaded by olivia");
        assertThat(finding(api("GET", TAG_API, olivia.name(), null), CVE).path("suppressed").asBoolean()).isTrue();
        long id = api("GET", "/api/repositories/acme/app/vex", olivia.name(), null).path("documents").get(0).path("id").asLong();
        assertThat(server.postForm(owner, "/r/acme/app/-/settings", List.of("csrf", csrf, "action", "vex-delete",
                "vex_id", Long.toString(id))).statusCode()).isEqualTo(302);
        assertThat(server.get(owner, "/r/acme/app/-/settings").body()).contains("No VEX documents yet.");

        server.hub().siteAdmins().set("outsider", true);
        JsonNode audit = api("GET", "/api/admin/audit?action=vex.upload", "outsider", null);
        assertThat(audit).anySatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("failure"))
                .anySatisfy(e -> {
                    assertThat(e.path("outcome").asText()).isEqualTo("success");
                    assertThat(e.path("actor").asText()).isEqualTo("olivia");
                    assertThat(e.path("target").asText()).isEqualTo("acme/app");
                });
        assertThat(api("GET", "/api/admin/audit?action=vex.delete", "outsider", null)).isNotEmpty();
    }

    @Test
    void aSuppressedFindingOnTheTagPageInChromium() throws Exception {
        Browser browser = browsers.start().signIn(server.base(), olivia.name(), WebServer.PASSWORD);
        browser.open(server.base() + "/r/acme/app/-/settings", "vex-settings-empty");
        browser.fill("vex_document", notAffected("urn:uuid:browser", imageDigest, lodashPurl))
                .submit(By.cssSelector("form:has(input[value='vex-upload']) button[type=submit]"), "vex-settings-added");
        assertThat(browser.text()).contains("VEX documents saved.", "urn:uuid:browser", "Security Team");
        browser.open(server.base() + "/r/acme/app/-/tags/1.0/vulnerabilities?type=npm", "vex-tag-npm")
                .expand("details[data-package='lodash'], details[data-vulnerability='" + CVE + "']", "vex-suppressed-finding");
        assertThat(browser.text()).contains("Suppressed by VEX: " + JUSTIFICATION,
                "stated by Security Team <sec@acme.example>", "Not counted in this tag's summary.");
        browser.phoneShot("vex-suppressed-finding");
        browser.open(server.base() + "/r/acme/app/-/settings", "vex-settings-listed")
                .submit(By.cssSelector("tr[data-vex='urn:uuid:browser'] button[type=submit]"), "vex-settings-removed");
        assertThat(browser.text()).contains("No VEX documents yet.");
        assertThat(finding(api("GET", TAG_API, olivia.name(), null), CVE).path("suppressed").asBoolean()).isFalse();
    }

    // ---- helpers

    private void assertRefused(String body, String reason) throws Exception {
        HttpResponse<String> r = send("POST", "/api/repositories/acme/app/vex", olivia.name(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).startsWith("not a usable OpenVEX document: ").contains(reason);
    }

    /** An OpenVEX 0.2 document with one not_affected statement for lodash's CVE-2020-28500. */
    private static String notAffected(String id, String product, String subcomponent) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@context", "https://openvex.dev/ns/v0.2.0");
        doc.put("@id", id);
        doc.put("author", "Security Team <sec@acme.example>");
        doc.put("timestamp", "2026-11-01T10:00:00Z");
        doc.put("version", 1);
        ObjectNode s = doc.putArray("statements").addObject();
        s.putObject("vulnerability").put("name", CVE);
        ObjectNode p = s.putArray("products").addObject().put("@id", product);
        if (subcomponent != null) p.putArray("subcomponents").addObject().put("@id", subcomponent);
        s.put("status", "not_affected");
        s.put("justification", JUSTIFICATION);
        return doc.toPrettyString();
    }

    /** Pushes the document as an OCI artifact about the image over the registry API, as oras does; returns its digest. */
    private String pushVexArtifact(String document) throws Exception {
        HttpResponse<String> r = pushVexArtifactResponse(document);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("OCI-Subject")).hasValue(imageDigest);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private HttpResponse<String> pushVexArtifactResponse(String document) throws Exception {
        byte[] doc = document.getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String docDigest = pushBlob(doc);
        String emptyDigest = pushBlob(empty);
        HttpResponse<byte[]> subject = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/v2/acme/app/manifests/" + imageDigest)).header("Authorization", basic(olivia.name()))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(subject.statusCode()).isEqualTo(200);
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.put("artifactType", "application/vnd.openvex+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.empty.v1+json").put("digest", emptyDigest).put("size", empty.length);
        m.putArray("layers").addObject().put("mediaType", "application/vnd.openvex+json").put("digest", docDigest).put("size", doc.length);
        m.putObject("subject").put("mediaType", subject.headers().firstValue("Content-Type").orElseThrow())
                .put("digest", imageDigest).put("size", subject.body().length);
        byte[] manifest = JSON.writeValueAsBytes(m);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + "/v2/acme/app/manifests/" + sha256(manifest)))
                        .header("Authorization", basic(olivia.name())).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String pushBlob(byte[] bytes) throws Exception {
        String digest = sha256(bytes);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/v2/acme/app/blobs/uploads/"))
                .header("Authorization", basic(olivia.name())).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(server.base()).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(put).header("Authorization", basic(olivia.name()))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        return digest;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private HttpResponse<String> send(String method, String path, String user, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) b.header("Authorization", basic(user));
        if (body != null) b.header("Content-Type", "application/json");
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String method, String path, String user, String body) throws Exception {
        HttpResponse<String> r = send(method, path, user, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + WebServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpClient signedIn(User user) throws Exception {
        HttpClient client = WebServer.client();
        String csrf = AccountPagesTest.csrf(server.get(client, "/signin").body());
        assertThat(server.postForm(client, "/signin", List.of("csrf", csrf, "username", user.name(), "password", WebServer.PASSWORD))
                .statusCode()).isEqualTo(302);
        return client;
    }

    private static long count(JsonNode withCounts, String severity) {
        JsonNode counts = withCounts.path("counts");
        assertThat(counts.isObject()).as("counts in " + withCounts).isTrue();
        return counts.path(switch (severity) {
            case "critical", "high", "medium", "low" -> severity;
            default -> "other";
        }).asLong();
    }

    private static List<JsonNode> findings(JsonNode tagReport) {
        List<JsonNode> out = new java.util.ArrayList<>();
        tagReport.path("images").forEach(i -> i.path("packages").forEach(p -> p.path("findings").forEach(out::add)));
        return out;
    }

    private JsonNode finding(JsonNode tagReport, String id) {
        for (JsonNode p : tagReport.path("images").get(0).path("packages")) {
            if (!lodashPurl.equals(p.path("purl").asText())) continue;
            for (JsonNode f : p.path("findings")) if (f.path("vulnerabilityId").asText().equals(id)) return f;
        }
        throw new AssertionError(id + " not found in lodash");
    }

    private static String section(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("'" + start + "' in the page").isGreaterThanOrEqualTo(0);
        int to = html.indexOf(end, from);
        return html.substring(from, to < 0 ? html.length() : to);
    }
}
