package io.spyglass.image;

import java.util.List;

/**
 * The parts of an image config Spyglass uses: platform, {@code rootfs.diff_ids} (one per layer,
 * the digest of the uncompressed tar) and the build history.
 */
public record ImageConfig(Platform platform, List<Digest> diffIds, List<History> history) {

    public ImageConfig {
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** One history step; {@code emptyLayer} steps (ENV, CMD, …) made no layer. */
    public record History(String createdBy, boolean emptyLayer) {}

    /** The {@code created_by} of each real layer in order, null where history is missing or short. */
    public List<String> layerCommands() {
        List<String> out = history.stream().filter(h -> !h.emptyLayer()).map(History::createdBy).toList();
        return out.size() == diffIds.size() ? out : padOrTrim(out);
    }

    private List<String> padOrTrim(List<String> commands) {
        String[] out = new String[diffIds.size()];
        for (int i = 0; i < out.length && i < commands.size(); i++) out[i] = commands.get(i);
        return java.util.Arrays.asList(out);
    }
}
