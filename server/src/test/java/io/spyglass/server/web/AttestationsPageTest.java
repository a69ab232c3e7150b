package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.spdx.SpdxSbomFormat;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built "by BuildKit with --provenance and --sbom": an OCI index over the corpus Alpine
 * 3.20.3 image plus an attestation manifest, laid out as buildkit docs/attestations/attestation-storage.md
 * describes it (index entry annotated vnd.docker.reference.type/digest, platform unknown/unknown; an
 * image manifest whose layers are application/vnd.in-toto+json statements annotated with their
 * in-toto.io/predicate-type; a config with unknown os/architecture). The statements: BuildKit SLSA v0.2
 * provenance, an SPDX SBOM (Spyglass's own SBOM of the image with one package taken out and one
 * added, as a build-time scanner might see it), and one that is cut short. Pushed with skopeo
 * --all; then a cosign-style signature and an SPDX artifact are pushed with the index and the
 * image as their subject. The tag page and the API show provenance, the SBOM difference, the
 * unreadable statement and the referrers by artifact type; a public repository holding the same
 * image without the attestations shows none of them.
 */
class AttestationsPageTest {
    /** The server under test: SQLite and a blob folder here; {@link AttestationsPostgresS3Test} runs the same on PostgreSQL + S3. */
    WebServer startServer(Path dir) throws Exception {
        return WebServer.start(dir);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final String COSIGN_SIG = "application/vnd.dev.cosign.artifact.sig.v1+json";

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @TempDir
    Path work;

    @Test
    void provenanceAttachedSbomAndReferrersShowOnTheTagPageAndInTheApi() throws Exception {
        Path alpine = SharedData.requireCorpus("alpine/oci");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed (scripts/test installs it)");
        JsonNode imageDescriptor = descriptor(alpine, "3.20.3");
        String imageDigest = imageDescriptor.get("digest").asText();

        Path layout = work.resolve("layout");
        copyImage(alpine, layout, imageDigest);
        // the SBOM a build-time scanner attached: Spyglass's own of this image, one package missing, one more
        Sbom own = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(OciLayoutSource.open(alpine, "3.20.3"), Platform.parse("linux/amd64"));
        ByteArrayOutputStream spdxOut = new ByteArrayOutputStream();
        new SpdxSbomFormat().write(own, spdxOut);
        ObjectNode spdx = (ObjectNode) JSON.readTree(spdxOut.toByteArray());
        String removed = removeOnePackage(spdx);
        ((ArrayNode) spdx.get("packages")).add(JSON.readTree("""
                {"SPDXID": "SPDXRef-Package-npm-left-pad", "name": "left-pad", "versionInfo": "1.3.0",
                 "downloadLocation": "NOASSERTION", "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
                 "referenceType": "purl", "referenceLocator": "pkg:npm/left-pad@1.3.0"}]}"""));
        ObjectNode provenance = (ObjectNode) JSON.readTree(resource("/attestation/buildkit-provenance-v0.2.json"));
        byte[] provenanceStatement = withSubject(provenance, imageDigest);
        byte[] sbomStatement = withSubject(statement("https://spdx.dev/Document", spdx), imageDigest);
        byte[] brokenStatement = "{\"_type\": \"https://in-toto.io/Statement/v0.1\", \"predicateType\": \"https://slsa".getBytes(StandardCharsets.UTF_8);

        ArrayNode layers = JSON.createArrayNode();
        List<String> diffIds = new ArrayList<>();
        for (Object[] l : new Object[][] {{provenanceStatement, "https://slsa.dev/provenance/v0.2"},
                {sbomStatement, "https://spdx.dev/Document"}, {brokenStatement, "https://slsa.dev/provenance/v0.2"}}) {
            byte[] bytes = (byte[]) l[0];
            String digest = writeBlob(layout, bytes);
            diffIds.add(digest);
            ObjectNode layer = layers.addObject().put("mediaType", IN_TOTO).put("digest", digest).put("size", bytes.length);
            layer.putObject("annotations").put("in-toto.io/predicate-type", (String) l[1]);
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", "unknown").put("os", "unknown");
        config.putObject("config");
        config.putObject("rootfs").put("type", "layers").set("diff_ids", JSON.valueToTree(diffIds));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode attestation = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        attestation.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", writeBlob(layout, configBytes)).put("size", configBytes.length);
        attestation.set("layers", layers);
        byte[] attestationBytes = JSON.writeValueAsBytes(attestation);
        String attestationDigest = writeBlob(layout, attestationBytes);

        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        ObjectNode image = manifests.addObject().put("mediaType", imageDescriptor.get("mediaType").asText())
                .put("digest", imageDigest).put("size", imageDescriptor.get("size").asLong());
        image.putObject("platform").put("architecture", "amd64").put("os", "linux");
        ObjectNode att = manifests.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", attestationDigest).put("size", attestationBytes.length);
        att.putObject("annotations").put("vnd.docker.reference.digest", imageDigest).put("vnd.docker.reference.type", "attestation-manifest");
        att.putObject("platform").put("architecture", "unknown").put("os", "unknown");
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        String indexDigest = writeBlob(layout, indexBytes);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"digest\":\"" + indexDigest + "\",\"size\":" + indexBytes.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}");

        try (WebServer server = startServer(data)) {
            User olivia = server.user("olivia");
            server.user("nick");
            Organization acme = server.org("acme", Plan.TEAM, olivia);
            server.hub().repositories().create(acme.name(), "app", true);
            server.hub().repositories().update(server.repo("acme", "app"), true, "", "advanced");
            server.hub().repositories().create(acme.name(), "plain", false);
            server.hub().repositories().update(server.repo("acme", "plain"), false, "", "advanced");
            skopeoCopyAll(server, layout, "1.0", "acme/app:1.0");
            server.push(alpine, "3.20.3", "acme/plain:3.20.3", "olivia");

            TagReport report = server.awaitReport(olivia, "acme", "app", "1.0",
                    r -> r.images().size() == 1 && r.images().get(0).status().equals("done"));
            assertThat(report.summary().digest()).as("skopeo kept the index as built").isEqualTo(indexDigest);
            assertThat(report.images().get(0).digest()).isEqualTo(imageDigest);

            // referrers: a cosign-style signature of the index, an SPDX document of the image
            String signature = pushReferrer(server, "acme/app", COSIGN_SIG, "application/vnd.dev.cosign.simplesigning.v1+json",
                    "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + indexDigest + "\"},\"type\":\"cosign container image signature\"}}",
                    index.get("mediaType").asText(), indexDigest, indexBytes.length);
            String sbomArtifact = pushReferrer(server, "acme/app", "application/spdx+json", "application/spdx+json",
                    new String(spdxOut.toByteArray(), StandardCharsets.UTF_8), imageDescriptor.get("mediaType").asText(), imageDigest,
                    imageDescriptor.get("size").asLong());

            JsonNode api = awaitAttestations(server, "olivia", "/api/repositories/acme/app/tags/1.0/attestations");
            JsonNode img = api.path("images").get(0);
            // the policy reads them once the attestations job stored them: SBOM and provenance present
            JsonNode policies = awaitPolicy(server, "/api/repositories/acme/app/tags/1.0", "attestations-present", "pass");
            assertThat(policies.path("details").asText()).containsIgnoringCase("sbom").contains("provenance");
            JsonNode prov = img.path("provenance");
            assertThat(prov.path("builderId").asText()).isEqualTo("https://github.com/acme/app/actions/runs/1234567890/attempts/1");
            assertThat(prov.path("sourceRepository").asText()).isEqualTo("https://github.com/acme/app");
            assertThat(prov.path("sourceCommit").asText()).isEqualTo("4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d");
            assertThat(prov.path("buildArgs").path("APP_VERSION").asText()).isEqualTo("1.0.0");
            assertThat(texts(prov.path("baseImages"))).containsExactly(
                    "alpine:3.20@sha256:33735bd63cf84d7e388d9f6d297d348c523c044410f553bd878c6d7829612735");
            JsonNode sbom = img.path("sbom");
            assertThat(sbom.path("compared").asBoolean()).isTrue();
            assertThat(sbom.path("onlyInAttestation").findValuesAsText("name")).containsExactly("left-pad");
            assertThat(sbom.path("onlyInSpyglass").findValuesAsText("name")).containsExactly(removed);
            assertThat(sbom.path("inBoth").asInt()).isEqualTo(report.images().get(0).packages().size() - 1);
            assertThat(img.path("unreadable")).singleElement().satisfies(u -> {
                assertThat(u.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v0.2");
                assertThat(u.path("reason").asText()).startsWith("not valid JSON");
            });
            JsonNode referrers = api.path("referrers");
            assertThat(referrers.findValuesAsText("artifactType")).containsExactly("application/spdx+json", COSIGN_SIG);
            assertThat(referrers.get(0).path("referrers").findValuesAsText("digest")).containsExactly(sbomArtifact);
            assertThat(referrers.get(1).path("referrers").findValuesAsText("digest")).containsExactly(signature);

            // the page, as the owner sees it in Chromium
            Browser browser = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD)
                    .open(server.base() + "/r/acme/app/-/tags/1.0", "attestations");
            String page = browser.source();
            assertThat(page).contains("Provenance", "https://github.com/acme/app/actions/runs/1234567890/attempts/1",
                    "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d", "data-build-arg=\"APP_VERSION\"", "APP_VERSION=1.0.0",
                    "alpine:3.20@sha256:33735bd6", "Only in the attached SBOM (1)", "npm left-pad 1.3.0",
                    "data-list=\"only-spyglass\"", "data-unreadable", "not valid JSON",
                    "data-artifact-type=\"" + COSIGN_SIG + "\"", "Cosign signature", "data-artifact-type=\"application/spdx+json\"",
                    signature.substring(0, 19), sbomArtifact.substring(0, 19));
            assertThat(page).containsPattern(java.util.regex.Pattern.quote(signature.substring(0, 19)) + "…</code> <span class=\"muted\">for this tag<");
            assertThat(page).containsPattern(java.util.regex.Pattern.quote(sbomArtifact.substring(0, 19)) + "…</code> <span class=\"muted\">for the image "
                    + java.util.regex.Pattern.quote(imageDigest.substring(0, 19)));
            assertThat(page).containsPattern("<code>apk " + java.util.regex.Pattern.quote(removed) + " ");
            assertThat(browser.text()).contains("Supply chain", "Base images");

            // private stays private: a stranger gets what a missing repository gets
            HttpClient stranger = WebServer.client();
            assertThat(server.get(stranger, "/r/acme/app/-/tags/1.0").statusCode()).isEqualTo(404);
            assertThat(apiGet(server, "nick", "/api/repositories/acme/app/tags/1.0/attestations").statusCode()).isEqualTo(404);
            // the same image in a public repository without the attestation manifest shows none of it
            JsonNode plain = JSON.readTree(apiGet(server, null, "/api/repositories/acme/plain/tags/3.20.3/attestations").body());
            assertThat(plain.path("images").get(0).path("digest").asText()).isEqualTo(imageDigest);
            assertThat(plain.path("images").get(0).path("provenance").isNull()).isTrue();
            assertThat(plain.path("images").get(0).path("sbom").isNull()).isTrue();
            assertThat(plain.path("referrers")).isEmpty();
            assertThat(server.get(stranger, "/r/acme/plain/-/tags/3.20.3").body()).doesNotContain("Supply chain", "acme/app");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Removes the last apk package from Spyglass's SPDX document; returns its name. */
    private static String removeOnePackage(ObjectNode spdx) {
        ArrayNode packages = (ArrayNode) spdx.get("packages");
        for (int i = packages.size() - 1; i >= 0; i--) {
            for (JsonNode ref : packages.get(i).path("externalRefs")) {
                if (ref.path("referenceLocator").asText().startsWith("pkg:apk/")) {
                    String name = packages.get(i).path("name").asText();
                    String id = packages.get(i).path("SPDXID").asText();
                    packages.remove(i);
                    ArrayNode rels = (ArrayNode) spdx.path("relationships");
                    for (int r = rels.size() - 1; r >= 0; r--) {
                        if (rels.get(r).path("relatedSpdxElement").asText().equals(id) || rels.get(r).path("spdxElementId").asText().equals(id)) rels.remove(r);
                    }
                    return name;
                }
            }
        }
        throw new AssertionError("no apk package in the SBOM");
    }

    private static ObjectNode statement(String predicateType, JsonNode predicate) {
        ObjectNode s = JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v0.1").put("predicateType", predicateType);
        s.putArray("subject");
        s.set("predicate", predicate);
        return s;
    }

    /** The statement about the image, as BuildKit names it: the image manifest digest. */
    private static byte[] withSubject(ObjectNode statement, String imageDigest) throws IOException {
        ArrayNode subject = statement.putArray("subject");
        subject.addObject().put("name", "pkg:docker/acme/app@1.0?platform=linux%2Famd64")
                .putObject("digest").put("sha256", imageDigest.substring("sha256:".length()));
        return JSON.writeValueAsBytes(statement);
    }

    private static JsonNode descriptor(Path layout, String ref) throws IOException {
        for (JsonNode m : JSON.readTree(layout.resolve("index.json").toFile()).get("manifests")) {
            if (m.path("annotations").path("org.opencontainers.image.ref.name").asText().equals(ref)) return m;
        }
        throw new AssertionError("no " + ref + " in " + layout);
    }

    /** The image's manifest, config and layers into a new layout (a temp folder, not the project). */
    private static void copyImage(Path from, Path to, String manifestDigest) throws IOException {
        Files.createDirectories(to.resolve("blobs/sha256"));
        List<String> digests = new ArrayList<>(List.of(manifestDigest));
        JsonNode manifest = JSON.readTree(blob(from, manifestDigest).toFile());
        digests.add(manifest.path("config").path("digest").asText());
        manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
        for (String d : digests) Files.copy(blob(from, d), blob(to, d));
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static String writeBlob(Path layout, byte[] bytes) throws IOException {
        String digest = sha256(bytes);
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.write(blob(layout, digest), bytes);
        return digest;
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AttestationsPageTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " missing from the engine test jar");
            return in.readAllBytes();
        }
    }

    /** skopeo copy --all: every manifest of the index, the attestation manifest included, digests kept. */
    private void skopeoCopyAll(WebServer server, Path layout, String tag, String destination) throws Exception {
        Process p = new ProcessBuilder("skopeo", "--tmpdir=" + work, "copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                "--dest-creds", "olivia:" + WebServer.PASSWORD, "oci:" + layout + ":" + tag, "docker://" + server.host() + "/" + destination)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
        assertThat(p.exitValue()).as("skopeo copy --all failed:\n%s", output).isZero();
    }

    /**
     * Pushes an OCI artifact over the registry API with {@code subject}: an empty config (OCI 1.1
     * image-spec "empty descriptor"), one layer, {@code artifactType}. Returns its digest.
     */
    private static String pushReferrer(WebServer server, String repo, String artifactType, String layerType, String layer,
                                       String subjectType, String subjectDigest, long subjectSize) throws Exception {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] content = layer.getBytes(StandardCharsets.UTF_8);
        String emptyDigest = putBlob(server, repo, empty);
        String layerDigest = putBlob(server, repo, content);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("artifactType", artifactType);
        m.putObject("config").put("mediaType", "application/vnd.oci.empty.v1+json").put("digest", emptyDigest).put("size", empty.length);
        m.putArray("layers").addObject().put("mediaType", layerType).put("digest", layerDigest).put("size", content.length);
        m.putObject("subject").put("mediaType", subjectType).put("digest", subjectDigest).put("size", subjectSize);
        byte[] bytes = JSON.writeValueAsBytes(m);
        String digest = sha256(bytes);
        HttpResponse<String> put = send(server, HttpRequest.newBuilder(URI.create(server.base() + "/v2/" + repo + "/manifests/" + digest))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).as("the registry took the subject").contains(subjectDigest);
        return digest;
    }

    private static String putBlob(WebServer server, String repo, byte[] bytes) throws Exception {
        String digest = sha256(bytes);
        HttpResponse<String> start = send(server, HttpRequest.newBuilder(URI.create(server.base() + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI uri = URI.create(server.base()).resolve(location);
        String sep = uri.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = send(server, HttpRequest.newBuilder(URI.create(uri + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return digest;
    }

    private static HttpResponse<String> send(WebServer server, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", basic("olivia")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + WebServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> apiGet(WebServer server, String user, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (user != null) b.header("Authorization", basic(user));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the tag's {@code policy} has {@code status}; returns that policy's verdict. */
    private static JsonNode awaitPolicy(WebServer server, String path, String policy, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode p : JSON.readTree(apiGet(server, "olivia", path).body()).path("policies")) {
                if (!p.path("name").asText().equals(policy)) continue;
                last = p;
                if (p.path("status").asText().equals(status)) return p;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(policy + " never became " + status + "; last: " + last);
    }

    /** The attestations job runs beside the image's analysis: wait until its provenance is stored. */
    private static JsonNode awaitAttestations(WebServer server, String user, String path) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = apiGet(server, user, path);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode body = JSON.readTree(r.body());
                JsonNode image = body.path("images").path(0);
                if (!image.path("provenance").isNull() && !image.path("provenance").isMissingNode()
                        && image.path("sbom").path("compared").asBoolean(false)) return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("attestations never read; last answer: " + last);
    }
}
