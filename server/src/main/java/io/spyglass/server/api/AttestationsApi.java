package io.spyglass.server.api;

import io.javalin.http.Context;
import io.spyglass.attestation.Provenance;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.SbomDifference;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.analysis.attestation.ImageAttestations;
import io.spyglass.server.analysis.attestation.ImageReferrers;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.ops.RequestIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/repositories/{ns}/{name}/tags/{tag}/attestations}: per image of the tag, the
 * provenance and attached SBOM its build attested (with the SBOM compared to Spyglass's own), and
 * the OCI referrers of the tag and its images by artifact type. 404 as for a missing tag when the
 * caller may not pull the repository.
 */
final class AttestationsApi {
    private final Analysis analysis;

    AttestationsApi(Analysis analysis) {
        this.analysis = analysis;
    }

    record PackageRef(String type, String name, String version, String purl) {
        static List<PackageRef> of(List<Package> packages) {
            return packages.stream().map(p -> new PackageRef(p.type().id(), p.name(), p.version(), p.purl())).toList();
        }
    }

    record ProvenanceJson(String predicateType, String builderId, String sourceRepository, String sourceCommit,
                          Map<String, String> buildArgs, List<String> baseImages) {
        static ProvenanceJson of(Provenance p) {
            return new ProvenanceJson(p.predicateType(), p.builderId(), p.sourceRepository(), p.sourceCommit(), p.buildArgs(),
                    p.baseImages());
        }
    }

    /** {@code compared}: false until Spyglass's own analysis of the image is done (then the lists are empty). */
    record SbomJson(int packages, boolean compared, List<PackageRef> onlyInAttestation, List<PackageRef> onlyInSpyglass, int inBoth) {}

    record ImageJson(String digest, String platform, ProvenanceJson provenance, SbomJson sbom,
                     List<ImageAttestations.Unreadable> unreadable, List<String> otherPredicateTypes) {}

    record Body(String repository, String tag, String digest, List<ImageJson> images, List<ImageReferrers.Group> referrers) {}

    void answer(Context ctx, Caller caller, String namespace, String name, String tag) {
        Optional<Repository> repo = analysis.reports().visible(caller, namespace, name);
        Optional<TagReport> report = analysis.reports().tag(caller, namespace, name, tag);
        if (repo.isEmpty() || report.isEmpty()) {
            ctx.status(404).json(RequestIds.apiError(ctx, "no tag " + namespace + "/" + name + ":" + tag));
            return;
        }
        List<ImageJson> images = new ArrayList<>();
        List<String> subjects = new ArrayList<>(List.of(report.get().summary().digest()));
        for (ImageReport image : report.get().images()) {
            subjects.add(image.digest());
            ImageAttestations a = analysis.attestations().of(repo.get().id(), image.digest());
            images.add(new ImageJson(image.digest(), image.platform(), a.provenance().map(ProvenanceJson::of).orElse(null),
                    a.hasSbom() ? sbom(a) : null, a.unreadable(), a.otherTypes()));
        }
        ctx.json(new Body(namespace + "/" + name, tag, report.get().summary().digest(), images,
                analysis.attestations().referrers(repo.get().id(), subjects)));
    }

    private static SbomJson sbom(ImageAttestations a) {
        if (a.sbomDifference().isEmpty()) return new SbomJson(a.sbomPackages().size(), false, List.of(), List.of(), 0);
        SbomDifference d = a.sbomDifference().get();
        return new SbomJson(a.sbomPackages().size(), true, PackageRef.of(d.onlyInFirst()), PackageRef.of(d.onlyInSecond()), d.inBoth());
    }
}
