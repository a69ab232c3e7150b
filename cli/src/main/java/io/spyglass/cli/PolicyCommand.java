package io.spyglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageReference;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.RegistryOptions;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.policy.HealthGrade;
import io.spyglass.policy.ImageUser;
import io.spyglass.policy.Policies;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyParameters;
import io.spyglass.policy.PolicyResult;
import io.spyglass.policy.PolicySetting;
import io.spyglass.policy.PolicyStatus;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Each policy's verdict on an image and its health grade (A-F): the server's stored verdicts for NS/REPO:TAG, "
        + "or the same engine evaluation run here on an image (policies whose input is not available here say unknown).")
final class PolicyCommand implements Callable<Integer> {
    /** Exit code of --exit-code when a policy fails, distinct from 1 (an error). */
    static final int FAILING = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "IMAGE", description = ImageOptions.IMAGE_HELP)
    String image;

    @Option(names = "--exit-code", description = "Exit with 2 when any policy fails.")
    boolean exitCode;

    @Option(names = "--off", paramLabel = "POLICY", description = "Turn a policy off for a local evaluation (repeatable).")
    List<String> off = new ArrayList<>();

    @Mixin LocalAdvisories advisories;
    @Mixin ImageOptions imageOptions;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        Map<String, PolicySetting> settings = new LinkedHashMap<>();
        for (String name : off) settings.put(Policies.require(name).name(), new PolicySetting(name, false, PolicyParameters.NONE));
        List<Verdict> verdicts;
        String grade;
        if (imageOptions.onServer(image)) {
            if (!off.isEmpty()) throw new IllegalArgumentException("--off applies to a local evaluation; an organisation's owners set the server's policies");
            JsonNode report = serverReport(ServerImage.parse(image));
            verdicts = new ArrayList<>();
            for (JsonNode p : report.path("policies")) {
                verdicts.add(new Verdict(p.path("name").asText(), p.path("status").asText(), p.path("details").asText()));
            }
            grade = report.path("healthScore").asText("");
        } else {
            List<PolicyResult> results = Policies.evaluate(localInput(), settings);
            verdicts = results.stream().map(r -> new Verdict(r.name(), r.status().id(), r.details())).toList();
            grade = HealthGrade.of(results).letter();
        }
        print(verdicts, grade, System.out);
        boolean failing = verdicts.stream().anyMatch(v -> v.status().equals(PolicyStatus.FAIL.id()));
        return exitCode && failing ? FAILING : 0;
    }

    record Verdict(String name, String status, String details) {}

    static void print(List<Verdict> verdicts, String grade, PrintStream out) {
        for (Verdict v : verdicts) out.printf("%-8s %-26s %s%n", v.status(), v.name(), v.details());
        out.printf("%-8s %s%n", "grade", grade.isEmpty() ? "none (not evaluated yet)" : grade);
    }

    /** The image's inputs as read here: config user, findings (KEV-flagged), licences; base image and attestations unknown. */
    private PolicyInput localInput() throws IOException {
        AdvisoryIndex index = advisories.require();
        boolean kev = DbCommand.store(advisories.db).status().stream().anyMatch(s -> s.source().equals("kev") && s.count() > 0);
        Optional<String> user = Optional.empty();
        Sbom sbom;
        if (image.startsWith("sbom://")) {
            // an SBOM file holds no image config: the user stays unknown
            sbom = imageOptions.read(image, System.err);
        } else {
            try (ImageSource source = ImageReference.parse(image).open(RegistryOptions.fromEnvironment(imageOptions.insecure))) {
                Image resolved = source.resolve(Platform.parse(imageOptions.platform));
                try (InputStream in = source.openBlob(resolved.manifest().config().digest())) {
                    user = Optional.of(ImageUser.of(in.readAllBytes()));
                }
                sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT.withMaxTotalBytes(imageOptions.maxDecompressed))
                        .catalog(source, resolved);
            }
        }
        List<PolicyInput.FindingFact> findings = new ArrayList<>();
        for (Finding f : new Matcher(index).match(sbom)) {
            findings.add(new PolicyInput.FindingFact(f.vulnerabilityId(), f.pkg().name(), f.level(), f.isFixable(),
                    exploited(index, f.vulnerabilityId()), false));
        }
        List<PolicyInput.PackageLicences> licences = new ArrayList<>();
        for (Package p : sbom.packages()) {
            if (!p.licenses().isEmpty()) licences.add(new PolicyInput.PackageLicences(p.name(), p.licenses()));
        }
        return new PolicyInput(user, findings, kev, licences, Optional.empty(), Optional.empty());
    }

    private static boolean exploited(AdvisoryIndex index, String id) {
        if (index.kev(id).isPresent()) return true;
        return index.vulnerability(id).map(v -> v.kev() != null || v.aliases().stream().anyMatch(a -> index.kev(a).isPresent()))
                .orElse(false);
    }

    private JsonNode serverReport(ServerImage ref) throws IOException {
        ServerClient client = imageOptions.server.client(false);
        HttpResponse<String> r = client.send("GET", "/api/repositories/" + ref.apiPath(), null);
        if (r.statusCode() == 404) {
            throw new IOException("no tag " + ref + " on " + client.base() + " that " + (client.who() == null ? "anonymous users" : client.who())
                    + " may pull");
        }
        if (r.statusCode() != 200) throw new IOException(client.base() + " answered HTTP " + r.statusCode() + " for " + ref + ": " + ServerClient.error(r.body()));
        JsonNode report = JSON.readTree(r.body());
        String status = report.path("summary").path("status").asText();
        if (!status.equals("done")) {
            throw new IOException(ref + " has no policy verdicts: its analysis is " + status
                    + (status.equals("off") ? " (an owner turns it on: spyglass repo settings NS/NAME --image-insight advanced|basic)" : ""));
        }
        return report;
    }
}
