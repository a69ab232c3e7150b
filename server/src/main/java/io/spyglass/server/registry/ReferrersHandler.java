package io.spyglass.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.spyglass.image.Digest;
import io.spyglass.image.json.DescriptorTemplate;
import io.spyglass.image.json.OciIndexTemplate;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.ManifestRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v2/<name>/referrers/<digest>?artifactType=}: an OCI index of the manifests whose subject it is. */
final class ReferrersHandler {
    private final RegistryServices s;

    ReferrersHandler(RegistryServices s) {
        this.s = s;
    }

    void list(Context ctx, Route.Match m) throws JsonProcessingException {
        Optional<Repository> repo = s.readable(ctx, m.name());
        Digest subject = RegistryServices.digest(m.last());
        String artifactType = ctx.queryParam("artifactType");
        if (artifactType != null && artifactType.isBlank()) artifactType = null;
        // OCI dist-spec: never 404 for a well-formed digest; an unknown subject (or repository) has no referrers
        List<DescriptorTemplate> descriptors = repo.isEmpty() ? List.of()
                : s.manifests.referrers(repo.get().id(), subject.toString(), artifactType).stream().map(ReferrersHandler::descriptor).toList();
        if (artifactType != null) ctx.header("OCI-Filters-Applied", "artifactType");
        OciIndexTemplate index = new OciIndexTemplate(2, MediaTypes.OCI_INDEX, null, descriptors, null, null);
        ctx.contentType(MediaTypes.OCI_INDEX).result(ManifestParser.JSON.writeValueAsBytes(index));
    }

    private static DescriptorTemplate descriptor(ManifestRecord r) {
        Map<String, String> annotations = null;
        if (r.annotationsJson() != null) {
            try {
                annotations = ManifestParser.JSON.readValue(r.annotationsJson(), new TypeReference<Map<String, String>>() {});
            } catch (JsonProcessingException e) {
                annotations = null; // stored by us from a parsed manifest; cannot happen short of a hand-edited row
            }
        }
        return new DescriptorTemplate(r.mediaType(), r.digest(), r.size(), null, annotations, null, r.artifactType());
    }
}
