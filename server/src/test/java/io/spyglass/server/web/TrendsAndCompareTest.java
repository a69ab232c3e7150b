package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.analysis.report.SeverityTrend;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.User;
import io.spyglass.server.testing.WithoutRequestId;
import io.spyglass.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The trend chart and the compare page on real analyses: the corpus Debian image as {@code acme/app:1.0}
 * and the corpus Alpine 3.12 and 3.20 images as {@code :old} and {@code :new}, pushed with skopeo; then
 * the shared GHSA records imported, so re-evaluation adds findings to 1.0 and history. What the chart and
 * the comparison say is checked against the stored reports and history the JSON API serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendsAndCompareTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private User olivia;
    private final Map<String, ReportModel.TagReport> reports = new HashMap<>();

    @BeforeAll
    void pushAnalyseAndImport() throws Exception {
        Path debian = SharedData.requireCorpus("debian/oci");
        Path alpine = SharedData.requireCorpus("alpine/oci");
        server = WebServer.start(data);
        olivia = server.user("olivia");
        Organization acme = server.org("acme", Plan.TEAM, olivia);
        server.hub().repositories().create(acme.name(), "app", false);
        server.hub().repositories().update(server.repo("acme", "app"), false, "", "advanced");
        server.push(alpine, "3.12.12", "acme/app:old", "olivia");
        server.push(alpine, "3.20.3", "acme/app:new", "olivia");
        server.push(debian, "bookworm", "acme/app:1.0", "olivia");
        for (String tag : List.of("old", "new", "1.0")) {
            server.awaitReport(olivia, "acme", "app", tag, r -> r.summary().status().equals("done"));
        }
        server.importGhsa();
        reports.put("1.0", server.awaitReport(olivia, "acme", "app", "1.0",
                r -> r.images().get(0).packages().stream().anyMatch(p -> !p.findings().isEmpty())));
        for (String tag : List.of("old", "new")) reports.put(tag, server.awaitReport(olivia, "acme", "app", tag, r -> true));
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void theTrendChartFollowsTheStoredHistory() throws Exception {
        HttpResponse<String> r = get(HttpClient.newHttpClient(), "/r/acme/app/-/trends.svg", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        TrendSvgPoints chart = new TrendSvgPoints(r.body());
        // now: the three tags' summaries added up
        List<Long> now = new ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L));
        for (ReportModel.TagReport t : reports.values()) {
            ReportModel.Counts c = t.summary().counts();
            List<Long> of = List.of(c.critical(), c.high(), c.medium(), c.low(), c.other());
            for (int i = 0; i < 5; i++) now.set(i, now.get(i) + of.get(i));
        }
        assertThat(now.get(0)).as("GHSA gave 1.0 a critical finding").isPositive();
        assertThat(chart.last()).isEqualTo(now);
        // before: the GHSA import added every finding 1.0 has (history says so); the Alpine tags have none
        assertThat(reports.get("old").summary().counts().critical() + reports.get("new").summary().counts().high()).isZero();
        // the tag history also lists policy verdict changes (ids "policy:…"); the chart counts findings only
        List<ReportModel.HistoryEntry> history = server.analysis().reports()
                .history(Caller.password(olivia), "acme", "app", "1.0").orElseThrow().stream()
                .filter(h -> !h.vulnerabilityId().startsWith("policy:")).toList();
        assertThat(history).isNotEmpty().allMatch(h -> h.change().equals("added"));
        Map<String, String> severity = new HashMap<>();
        reports.get("1.0").images().get(0).packages().forEach(p -> p.findings().forEach(f ->
                severity.put(f.vulnerabilityId() + " " + p.name() + " " + p.version(), f.severity())));
        TreeMap<Long, long[]> added = new TreeMap<>();
        for (ReportModel.HistoryEntry h : history) {
            String level = severity.get(h.vulnerabilityId() + " " + h.packageName() + " " + h.packageVersion());
            added.computeIfAbsent(h.at(), t -> new long[5])[SeverityTrend.LEVELS.indexOf(level == null ? "other" : normal(level))]++;
        }
        for (int l = 0; l < 5; l++) {
            String level = SeverityTrend.LEVELS.get(l);
            Set<Long> possible = new TreeSet<>(List.of(0L));
            long sum = 0;
            for (long[] at : added.values()) possible.add(sum += at[l]);
            List<Long> drawn = chart.level(level);
            assertThat(drawn).as(level).isSorted().startsWith(0L);
            assertThat(possible).as(level + ": every value drawn is the history's count at some time").containsAll(drawn);
            assertThat(sum).as(level).isEqualTo(now.get(l));
        }
    }

    private static String normal(String severity) {
        return SeverityTrend.LEVELS.contains(severity) ? severity : "other";
    }

    @Test
    void comparingTheAlpineTagsListsThePackagesTheirReportsDifferIn() throws Exception {
        JsonNode api = json(get(HttpClient.newHttpClient(), "/api/repositories/acme/app/compare?from=old&to=new", null));
        Map<String, TreeSet<String>> old = versions(reports.get("old"));
        Map<String, TreeSet<String>> now = versions(reports.get("new"));
        assertThat(keys(api.path("packages").path("added")))
                .containsExactlyInAnyOrderElementsOf(now.keySet().stream().filter(k -> !old.containsKey(k)).toList());
        assertThat(keys(api.path("packages").path("removed")))
                .containsExactlyInAnyOrderElementsOf(old.keySet().stream().filter(k -> !now.containsKey(k)).toList());
        List<String> changed = old.keySet().stream().filter(now::containsKey).filter(k -> !old.get(k).equals(now.get(k))).toList();
        assertThat(keys(api.path("packages").path("changed"))).containsExactlyInAnyOrderElementsOf(changed).contains("apk musl");
        JsonNode musl = find(api.path("packages").path("changed"), "musl");
        assertThat(musl.path("from").get(0).asText()).isEqualTo(old.get("apk musl").first());
        assertThat(musl.path("to").get(0).asText()).isEqualTo(now.get("apk musl").first());
        assertThat(api.path("from").path("digest").asText()).isEqualTo(reports.get("old").images().get(0).digest());
        assertThat(api.path("from").path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(api.path("vulnerabilities").path("added")).isEmpty();

        String page = get(HttpClient.newHttpClient(), "/r/acme/app/-/compare?from=old&to=new", null).body();
        assertThat(count(page, "<tr data-change=\"changed\"")).isEqualTo(changed.size());
        assertThat(page).contains("Packages: " + api.path("packages").path("added").size() + " added, "
                + api.path("packages").path("removed").size() + " removed, " + changed.size() + " changed");
        assertThat(page).contains("data-package=\"apk musl\"");
    }

    @Test
    void movingFromDebianToAlpineFixesEveryVulnerabilityTheDebianImageHas() throws Exception {
        JsonNode api = json(get(HttpClient.newHttpClient(), "/api/repositories/acme/app/compare?from=1.0&to=new", null));
        Set<String> stored = new TreeSet<>();
        for (PackageInfo p : reports.get("1.0").images().get(0).packages()) {
            p.findings().forEach(f -> stored.add(f.vulnerabilityId() + " " + p.type() + " " + p.name()));
        }
        List<String> fixed = new ArrayList<>();
        api.path("vulnerabilities").path("fixed").forEach(v ->
                fixed.add(v.path("id").asText() + " " + v.path("packageType").asText() + " " + v.path("packageName").asText()));
        assertThat(fixed).containsExactlyInAnyOrderElementsOf(stored).contains("CVE-2020-28500 npm lodash");
        assertThat(api.path("vulnerabilities").path("added")).isEmpty();
        String page = get(HttpClient.newHttpClient(), "/r/acme/app/-/compare?from=1.0&to=new", null).body();
        assertThat(page).contains("Vulnerabilities: " + stored.size() + " fixed, 0 added");
        assertThat(count(page, "<tr data-change=\"fixed\"")).isEqualTo(stored.size());
    }

    @Test
    void badRequestsAreClear() throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        HttpResponse<String> noTo = get(c, "/api/repositories/acme/app/compare?from=old", null);
        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(json(noTo).path("message").asText("") + noTo.body()).contains("?from=TAG&to=TAG");
        HttpResponse<String> missing = get(c, "/api/repositories/acme/app/compare?from=old&to=nope", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no tags old and nope in acme/app");
        HttpResponse<String> page = get(c, "/r/acme/app/-/compare?from=old&to=nope", null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No tag nope in acme/app.");
    }

    @Test
    void aPrivateRepositoryAnswersExactlyLikeAMissingOne() throws Exception {
        server.hub().repositories().update(server.repo("acme", "app"), true, null, null);
        try {
            HttpClient anonymous = HttpClient.newHttpClient();
            for (String[] pair : new String[][] {
                    {"/api/repositories/acme/app/compare?from=old&to=new", "/api/repositories/acme/nothing/compare?from=old&to=new"},
                    {"/r/acme/app/-/compare?from=old&to=new", "/r/acme/nothing/-/compare?from=old&to=new"},
                    {"/r/acme/app/-/trends.svg", "/r/acme/nothing/-/trends.svg"}}) {
                HttpResponse<String> hidden = get(anonymous, pair[0], null);
                HttpResponse<String> missing = get(anonymous, pair[1], null);
                assertThat(hidden.statusCode()).as(pair[0]).isEqualTo(404);
                assertThat(missing.statusCode()).as(pair[1]).isEqualTo(404);
                // the API's message echoes the name asked for; nothing else may differ
                assertThat(WithoutRequestId.of(hidden.body())).as(pair[0])
                        .isEqualTo(WithoutRequestId.of(missing.body().replace("acme/nothing", "acme/app")));
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString(("olivia:" + WebServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(get(anonymous, "/api/repositories/acme/app/compare?from=old&to=new", basic).statusCode()).isEqualTo(200);
        } finally {
            server.hub().repositories().update(server.repo("acme", "app"), false, null, null);
        }
    }

    @Test
    void theRepositoryPageShowsTheChartAndTheComparePageRendersWithoutCspViolations() throws Exception {
        Browser browser = browsers.start().open(server.base() + "/r/acme/app", "repository-trend");
        var img = browser.find(By.cssSelector("img.trend"));
        assertThat(img.getAttribute("naturalWidth")).as("the chart loaded").isNotEqualTo("0");
        browser.open(server.base() + "/r/acme/app/-/compare?from=old&to=new", "compare");
        assertThat(browser.text()).contains("Packages:", "musl");
        browser.phoneShot("compare");
        // BrowserFixture fails the test on any Content Security Policy violation these pages caused
    }

    private HttpResponse<String> get(HttpClient client, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (authorization != null) b.header("Authorization", authorization);
        if (path.startsWith("/r/")) b.header("Accept", "text/html");
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static Map<String, TreeSet<String>> versions(ReportModel.TagReport report) {
        Map<String, TreeSet<String>> m = new TreeMap<>();
        for (PackageInfo p : report.images().get(0).packages()) m.computeIfAbsent(p.type() + " " + p.name(), k -> new TreeSet<>()).add(p.version());
        return m;
    }

    private static List<String> keys(JsonNode changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add(c.path("type").asText() + " " + c.path("name").asText()));
        return out;
    }

    private static JsonNode find(JsonNode changes, String name) {
        for (JsonNode c : changes) if (c.path("name").asText().equals(name)) return c;
        throw new AssertionError("no " + name + " in " + changes);
    }

    private static int count(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1;
    }
}
