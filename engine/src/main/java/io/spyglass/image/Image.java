package io.spyglass.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An image resolved for one platform: the digest it is known by (manifest digest; for a
 * {@code docker save} archive, which has no manifest, the config digest), its config and layers,
 * and the other platforms its index offered.
 */
public record Image(Digest digest, Platform platform, ImageManifest manifest, ImageConfig config,
                    List<Layer> layers, List<Platform> otherPlatforms) {

    public Image {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        otherPlatforms = List.copyOf(otherPlatforms);
    }

    /** Joins manifest and config; the layer and diff_id counts must agree. */
    public static Image of(Digest digest, ImageManifest manifest, ImageConfig config, List<Platform> otherPlatforms) {
        if (manifest.layers().size() != config.diffIds().size()) {
            throw new InvalidManifestException("manifest " + digest + " has " + manifest.layers().size()
                    + " layers but its config lists " + config.diffIds().size() + " diff_ids");
        }
        List<String> commands = config.layerCommands();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor d = manifest.layers().get(i);
            layers.add(new Layer(d.digest(), d.mediaType(), d.size(), config.diffIds().get(i), commands.get(i)));
        }
        Platform platform = config.platform() != null ? config.platform() : Platform.LINUX_AMD64;
        return new Image(digest, platform, manifest, config, layers, otherPlatforms);
    }
}
