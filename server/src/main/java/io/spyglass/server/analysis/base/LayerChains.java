package io.spyglass.server.analysis.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Table image_layer_chains: every prefix of an image's diff_ids, hashed. Key i chains key i-1 with
 * diff_id i, so two images share key i exactly when their first i layers are the same.
 */
final class LayerChains {
    private LayerChains() {}

    /** The keys of the prefixes of length 1..n. */
    static List<String> keys(List<String> diffIds) {
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String diffId : diffIds) {
            previous = sha256(previous + "\n" + diffId);
            out.add(previous);
        }
        return out;
    }

    static void record(Handle h, String manifestDigest, List<String> diffIds) {
        h.createUpdate("DELETE FROM image_layer_chains WHERE manifest_digest = :md").bind("md", manifestDigest).execute();
        List<String> keys = keys(diffIds);
        for (int i = 0; i < keys.size(); i++) {
            h.createUpdate("INSERT INTO image_layer_chains (manifest_digest, length, prefix_key, whole) VALUES (:md, :len, :key, :whole)")
                    .bind("md", manifestDigest).bind("len", i + 1).bind("key", keys.get(i)).bind("whole", i == keys.size() - 1).execute();
        }
    }

    /** The image's prefix keys, shortest first; empty when its chain was never recorded. */
    static List<String> of(Handle h, String manifestDigest) {
        return h.createQuery("SELECT prefix_key FROM image_layer_chains WHERE manifest_digest = :md ORDER BY length")
                .bind("md", manifestDigest).mapTo(String.class).list();
    }

    /** Images whose chain starts with the whole chain of {@code manifestDigest} and goes on: it may be their base. */
    static List<String> extending(Handle h, String manifestDigest) {
        return h.createQuery("SELECT DISTINCT c.manifest_digest FROM image_layer_chains c JOIN image_layer_chains mine "
                        + "ON mine.prefix_key = c.prefix_key AND mine.length = c.length "
                        + "WHERE mine.manifest_digest = :md AND mine.whole = :yes AND c.whole = :no AND c.manifest_digest <> :md "
                        + "ORDER BY c.manifest_digest")
                .bind("md", manifestDigest).bind("yes", true).bind("no", false).mapTo(String.class).list();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
