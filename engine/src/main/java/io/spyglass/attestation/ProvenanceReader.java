package io.spyglass.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SLSA provenance predicate as BuildKit writes it (buildkit docs/attestations/slsa-definitions.md):
 * <ul>
 *   <li>v0.2: {@code builder.id}; {@code invocation.configSource} (uri, digest.sha1);
 *       {@code invocation.parameters.args}; {@code materials}; VCS in
 *       {@code metadata["https://mobyproject.org/buildkit@v1#metadata"].vcs}.</li>
 *   <li>v1: {@code runDetails.builder.id}; {@code buildDefinition.externalParameters.configSource} and
 *       {@code .request.args}; {@code buildDefinition.resolvedDependencies}; VCS in
 *       {@code runDetails.metadata.buildkit_metadata.vcs}.</li>
 * </ul>
 * The source repository and commit come from the VCS info when buildx recorded it (the {@code vcs:source}
 * and {@code vcs:revision} frontend attributes), else from the config source of a git context.
 */
final class ProvenanceReader {
    private static final String BUILD_ARG = "build-arg:";
    private static final String BUILDKIT_METADATA = "https://mobyproject.org/buildkit@v1#metadata";
    /**
     * Images BuildKit pulls to run the build itself (the Dockerfile frontend, the SBOM scanner): they
     * are listed as materials but are no base of the image.
     */
    private static final java.util.Set<String> BUILD_TOOL_IMAGES = java.util.Set.of("docker/dockerfile", "docker/buildkit-syft-scanner");

    private ProvenanceReader() {}

    static Provenance read(String predicateType, JsonNode p) {
        boolean v1 = predicateType.equals(InTotoStatements.SLSA_V1);
        JsonNode configSource = v1 ? p.path("buildDefinition").path("externalParameters").path("configSource")
                : p.path("invocation").path("configSource");
        JsonNode args = v1 ? p.path("buildDefinition").path("externalParameters").path("request").path("args")
                : p.path("invocation").path("parameters").path("args");
        JsonNode vcs = v1 ? p.path("runDetails").path("metadata").path("buildkit_metadata").path("vcs")
                : p.path("metadata").path(BUILDKIT_METADATA).path("vcs");
        JsonNode materials = v1 ? p.path("buildDefinition").path("resolvedDependencies") : p.path("materials");
        String builder = v1 ? p.path("runDetails").path("builder").path("id").asText("") : p.path("builder").path("id").asText("");
        if (!materials.isMissingNode() && !materials.isArray()) {
            throw new AttestationException(predicateType + ": " + (v1 ? "resolvedDependencies" : "materials") + " is not a list");
        }
        String repository = first(vcs.path("source").asText(""), args.path("vcs:source").asText(""),
                stripFragment(configSource.path("uri").asText("")));
        String commit = first(vcs.path("revision").asText(""), args.path("vcs:revision").asText(""),
                configSource.path("digest").path("sha1").asText(""));
        return new Provenance(predicateType, builder, repository, commit, buildArgs(args), images(materials));
    }

    private static Map<String, String> buildArgs(JsonNode args) {
        Map<String, String> out = new LinkedHashMap<>();
        args.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(BUILD_ARG)) out.put(e.getKey().substring(BUILD_ARG.length()), e.getValue().asText());
        });
        return out;
    }

    /** {@code pkg:docker/alpine@3.20?platform=linux%2Famd64} + digest -> {@code alpine:3.20@sha256:…}. */
    private static List<String> images(JsonNode materials) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : materials) {
            String uri = m.path("uri").asText("");
            if (!uri.startsWith("pkg:docker/")) continue;
            PackageURL purl;
            try {
                purl = new PackageURL(uri);
            } catch (MalformedPackageURLException e) {
                throw new AttestationException("material '" + uri + "' is not a valid package URL: " + e.getMessage(), e);
            }
            String name = purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + "/" + purl.getName();
            if (BUILD_TOOL_IMAGES.contains(name)) continue;
            String registry = purl.getQualifiers() == null ? null : purl.getQualifiers().get("repository_url");
            StringBuilder ref = new StringBuilder(registry == null ? name : registry.replaceAll("/+$", "") + "/" + name);
            String version = purl.getVersion();
            if (version != null && !version.startsWith("sha256:")) ref.append(':').append(version);
            String sha = m.path("digest").path("sha256").asText("");
            if (!sha.isEmpty()) ref.append("@sha256:").append(sha);
            else if (version != null && version.startsWith("sha256:")) ref.append('@').append(version);
            out.add(ref.toString());
        }
        return out;
    }

    private static String stripFragment(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }

    private static String first(String... values) {
        for (String v : values) if (!v.isEmpty()) return v;
        return "";
    }
}
