package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OCI distribution-spec's own conformance test ({@code ../shared/tools/oci-conformance}, run
 * through its {@code run.sh}: full 1.1 profile, upload cancel on) against Spyglass on each storage
 * stack. Fails on any failed test case, naming each; skips only when the tool is absent.
 */
class OciConformanceTest {
    /** The 1.1 profile leaves a few "dev" features off (sparse manifests, tag parameter): skipped, not failed. */
    private static final int MOST_SKIPPED = 10;

    @TempDir
    Path dir;

    @Test
    void sqliteAndFolderPassEveryTest() throws Exception {
        Path runSh = runner();
        try (ServerFixture server = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            conform(runSh, server, "SQLite + folder");
        }
    }

    @Test
    void postgresAndS3PassEveryTest() throws Exception {
        Path runSh = runner();
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir); ServerFixture server = ServerFixture.start(stack.config(dir.resolve("data")))) {
            conform(runSh, server, "PostgreSQL + S3");
        }
    }

    private static Path runner() {
        SharedData.require("tools/oci-conformance/oci-conformance");
        return SharedData.require("tools/oci-conformance/run.sh");
    }

    /** Runs the suite as the owner of a fresh organisation (repositories NS/repo1 and NS/repo2) and checks its junit.xml. */
    private void conform(Path runSh, ServerFixture server, String stack) throws Exception {
        ServerFixture.Account owner = server.newUser("conform");
        String namespace = server.newOrg("oci", owner);
        // kept in target/ (the temp folder goes), for the report.html of a failed run
        Path results = Path.of("target", "oci-conformance", stack.replaceAll("[^A-Za-z0-9]+", "-")).toAbsolutePath();
        if (Files.exists(results)) {
            try (var walk = Files.walk(results)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(results);
        Path log = results.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder("bash", runSh.toString(), server.baseUrl(), namespace)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OCI_") || k.equals("PROFILE")); // the full 1.1 profile, whatever the shell says
        // credentials in the environment, not on the command line (run.sh passes them on as these)
        env.put("OCI_USERNAME", owner.name());
        env.put("OCI_PASSWORD", owner.password());
        env.put("OCI_API_BLOBS_UPLOAD_CANCEL", "true");
        env.put("RESULTS_DIR", results.toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the conformance test ran over five minutes; its output so far:\n" + Files.readString(log));
        }
        Path junit = results.resolve("junit.xml");
        assertThat(junit).as("junit.xml from the conformance test; its output:\n%s", Files.readString(log)).exists();

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suites = doc.getDocumentElement();
        int tests = count(suites, "tests");
        int skipped = count(suites, "skipped") + count(suites, "disabled");
        List<String> failed = failedCases(doc);
        String summary = Files.readString(log).lines().filter(l -> l.startsWith("conformance: ")).findFirst().orElse("(no summary)");
        System.out.println("OCI conformance on " + stack + ": " + summary);

        assertThat(failed).as("failed conformance tests on %s (%s; full report in %s)", stack, summary, results).isEmpty();
        assertThat(count(suites, "failures") + count(suites, "errors")).as(summary).isZero();
        assertThat(p.exitValue()).as("run.sh exit status; output:\n%s", Files.readString(log)).isZero();
        assertThat(tests).as("the suite ran (%s)", summary).isGreaterThan(800);
        assertThat(skipped).as("nothing but the dev features skipped (%s)", summary).isLessThanOrEqualTo(MOST_SKIPPED);
    }

    private static int count(Element e, String attribute) {
        String v = e.getAttribute(attribute);
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    /** Each failed test case: its name and the first line of what it said. */
    private static List<String> failedCases(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String status = c.getAttribute("status");
            boolean failed = status.equals("failure") || status.equals("error")
                    || c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0;
            if (!failed) continue;
            NodeList said = c.getElementsByTagName("system-out");
            String why = said.getLength() == 0 ? "" : said.item(0).getTextContent().lines().findFirst().orElse("");
            out.add(c.getAttribute("name") + ": " + (why.length() > 200 ? why.substring(0, 200) + "…" : why));
        }
        return out;
    }
}
