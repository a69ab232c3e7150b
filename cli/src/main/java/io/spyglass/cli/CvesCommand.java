package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexStatements;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cves", description = "List the known vulnerabilities of an image's packages, worst first.")
final class CvesCommand implements Callable<Integer> {
    /** Exit code of --exit-code when vulnerabilities remain, distinct from 1 (an error). */
    static final int VULNERABLE = 2;

    @Parameters(index = "0", paramLabel = "IMAGE", description = ImageOptions.IMAGE_HELP)
    String image;

    @Option(names = "--format", defaultValue = "table", description = "table, json, sarif (SARIF 2.1.0), markdown or openvex (OpenVEX 0.2) (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--only-severity", split = ",", paramLabel = "LEVEL", description = "Keep only these levels: critical, high, medium, low, negligible, unspecified.")
    List<String> severities = List.of();

    @Option(names = "--only-fixed", description = "Keep only vulnerabilities with a fixed version to upgrade to.")
    boolean onlyFixed;

    @Option(names = "--only-unfixed", description = "Keep only vulnerabilities without a fix.")
    boolean onlyUnfixed;

    @Option(names = "--only-package-type", split = ",", paramLabel = "TYPE", description = "Keep only these package types: deb, apk, rpm, npm, golang, pypi, maven, …")
    List<String> types = List.of();

    @Option(names = "--exit-code", description = "Exit with 2 when any vulnerability remains after the filters.")
    boolean exitCode;

    @Mixin BaseOriginOptions baseOrigin;
    @Mixin VexOptions vexOptions;
    @Mixin LocalAdvisories advisories;
    @Mixin ImageOptions imageOptions;
    @Mixin OutputOptions output;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        FindingsFormat writer = FindingsFormat.byName(format);
        FindingFilter filter = FindingFilter.parse(severities, types, onlyFixed, onlyUnfixed);
        output.check();
        baseOrigin.check(image, imageOptions);
        VexStatements vex = vexOptions.read();
        Sbom sbom;
        List<Finding> all;
        Map<Finding, VexVerdict> stored = Map.of();
        ServerBaseImage base = null;
        if (imageOptions.onServer(image)) {
            // the server's stored report: its findings as the server keeps them current
            ServerReports.Fetched fetched = imageOptions.fetch(image, System.err);
            sbom = fetched.sbom();
            all = fetched.findings();
            stored = fetched.verdicts();
            base = fetched.base();
        } else {
            AdvisoryIndex index = advisories.require();
            sbom = imageOptions.read(image, System.err);
            all = new Matcher(index).match(sbom);
        }
        List<Finding> findings = filter.apply(baseOrigin.apply(image, base, sbom, all));
        // a statement given with --vex decides first; else the repository's own VEX on the server
        Map<Finding, VexVerdict> verdicts = new java.util.IdentityHashMap<>(VexOptions.verdicts(vex, sbom, findings));
        for (Finding f : findings) {
            if (!verdicts.containsKey(f) && stored.containsKey(f)) verdicts.put(f, stored.get(f));
        }
        output.write(out -> writer.write(sbom, findings, verdicts, out));
        // a finding VEX suppresses is shown, not counted
        boolean remain = findings.stream().anyMatch(f -> verdicts.get(f) == null || !verdicts.get(f).suppresses());
        return exitCode && remain ? VULNERABLE : 0;
    }
}
