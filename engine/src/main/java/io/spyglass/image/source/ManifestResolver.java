package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * From a manifest or index to one platform's image, the same for every source: an index is
 * narrowed to the requested platform (the others are named), a manifest's config is fetched.
 */
final class ManifestResolver {
    /** Fetches a manifest or config by descriptor, verified against its digest. */
    interface Fetcher {
        byte[] fetch(Descriptor descriptor, String what) throws IOException;
    }

    private final Fetcher fetcher;
    private final String where;

    ManifestResolver(Fetcher fetcher, String where) {
        this.fetcher = fetcher;
        this.where = where;
    }

    /** Resolves a document already fetched (a registry manifest, a layout's chosen entry). */
    Image resolve(Digest digest, ManifestDocument document, Platform platform) throws IOException {
        if (document instanceof ImageManifest manifest) return image(digest, manifest, List.of());
        return choose(((ImageIndex) document).manifests(), platform);
    }

    /** Picks the manifest for {@code platform} among index entries and resolves it. */
    Image choose(List<Descriptor> entries, Platform platform) throws IOException {
        List<Descriptor> images = entries.stream().filter(ManifestResolver::isImage).toList();
        if (images.size() == 1 && images.get(0).platform() == null) return fetchAndResolve(images.get(0), platform);
        Descriptor chosen = images.stream()
                .filter(d -> d.platform() != null && platform.matches(d.platform()))
                .findFirst()
                .orElseThrow(() -> new ImageSourceException(where + " has no image for platform " + platform
                        + "; available: " + describe(platforms(images))));
        List<Platform> others = platforms(images).stream().filter(p -> !p.equals(chosen.platform())).distinct().toList();
        Image image = fetchAndResolve(chosen, platform);
        return new Image(image.digest(), image.platform(), image.manifest(), image.config(), image.layers(), others);
    }

    private Image fetchAndResolve(Descriptor d, Platform platform) throws IOException {
        byte[] bytes = fetcher.fetch(d, "manifest");
        ManifestDocument doc = JsonToImageTranslator.toManifestDocument(bytes, d.mediaType().value());
        if (doc instanceof ImageIndex nested) return choose(nested.manifests(), platform);
        return image(d.digest(), (ImageManifest) doc, List.of());
    }

    private Image image(Digest digest, ImageManifest manifest, List<Platform> others) throws IOException {
        ImageConfig config = JsonToImageTranslator.toConfig(fetcher.fetch(manifest.config(), "config"));
        return Image.of(digest, manifest, config, others);
    }

    /** Index entries that are images, not attestations (BuildKit marks those unknown/unknown). */
    private static boolean isImage(Descriptor d) {
        boolean manifestType = d.mediaType().isManifest() || d.mediaType().isIndex();
        boolean attestation = d.platform() != null && d.platform().os().equals("unknown");
        return manifestType && !attestation;
    }

    private static List<Platform> platforms(List<Descriptor> entries) {
        List<Platform> out = new ArrayList<>();
        entries.stream().map(Descriptor::platform).filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    static String describe(List<Platform> platforms) {
        return platforms.isEmpty() ? "none declared"
                : platforms.stream().map(Platform::toString).distinct().collect(Collectors.joining(", "));
    }
}
