package io.spyglass.cli;

import io.spyglass.server.analysis.advisory.AdvisoryUpdates;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.store.GarbageCollector;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.store.blob.StorageDrivers;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spyglass admin gc}: distribution's {@code registry garbage-collect}, safe to run beside
 * running servers (see {@link GarbageCollector} for how a push in flight is kept).
 */
@Command(name = "gc", description = "Delete blobs no manifest references (and with --delete-untagged, manifests no tag reaches), and abandoned uploads.")
final class AdminGcCommand implements Callable<Integer> {
    @Mixin StorageOptions storage;

    @Option(names = "--blob-store", defaultValue = "${env:SPYGLASS_BLOB_STORE}",
            description = "The blob store the servers use: a folder or s3://BUCKET?endpoint=URL&region=R (env SPYGLASS_BLOB_STORE; default DATA/blobs).")
    String blobStore;

    @Option(names = "--dry-run", description = "Only print what would be removed, digest by digest.")
    boolean dryRun;

    @Option(names = "--delete-untagged", description = "First delete manifests no tag reaches (directly or through an index), with their analyses.")
    boolean deleteUntagged;

    @Option(names = "--min-age", defaultValue = "1h", paramLabel = "DURATION",
            description = "Keep blobs and manifests pushed or linked less than this long ago: pushes in flight (default ${DEFAULT-VALUE}; 0 for none).")
    String minAge;

    @Option(names = "--upload-max-age", defaultValue = "7d", paramLabel = "DURATION",
            description = "Remove uploads started longer ago than this, as the servers do hourly (default ${DEFAULT-VALUE}, as distribution; 0 or off keeps them).")
    String uploadMaxAge;

    @Override
    public Integer call() throws Exception {
        GarbageCollector.Options options;
        try {
            Duration grace = duration("--min-age", minAge);
            // 0 or off: keep every upload (purging all of them would break pushes in flight)
            Duration uploads = duration("--upload-max-age", uploadMaxAge);
            options = new GarbageCollector.Options(dryRun, deleteUntagged, grace == null ? Duration.ZERO : grace, uploads);
        } catch (IllegalArgumentException e) {
            System.err.println("spyglass admin gc: " + e.getMessage());
            return 2;
        }
        GarbageCollector.Report r;
        try (Database db = Database.open(storage.database())) {
            BlobStore blobs = new BlobStore(StorageDrivers.fromOption(blobStore, storage.data));
            r = new GarbageCollector(db, blobs).run(options);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("spyglass admin gc: " + DatabaseConfig.redact(String.valueOf(e.getMessage())));
            return 1;
        }
        print(r);
        return 0;
    }

    private static Duration duration(String option, String text) {
        try {
            return AdvisoryUpdates.parseInterval(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration (e.g. 1h, 30m, 7d, PT1H; 0 for none)", e);
        }
    }

    private void print(GarbageCollector.Report r) {
        String verb = dryRun ? "would delete" : "deleted";
        if (dryRun) {
            r.manifests().forEach(m -> System.out.println("manifest " + m));
            r.blobs().forEach(b -> System.out.println("blob " + b.digest() + " " + b.size()));
            r.uploads().forEach(u -> System.out.println("upload " + u));
        }
        if (deleteUntagged) System.out.println(verb + " " + r.manifests().size() + " untagged manifest(s)");
        System.out.println(verb + " " + r.blobs().size() + " blob(s), " + r.blobBytes() + " bytes");
        System.out.println(verb + " " + r.uploads().size() + " abandoned upload(s), " + r.uploadBytes() + " bytes");
        if (r.kept() > 0) System.out.println("kept " + r.kept() + " blob(s) that a push linked again meanwhile");
    }
}
