package io.spyglass.server.store.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Picks the storage driver for {@code --blob-store}: none or a folder = local folder, {@code s3:} = object store. */
public final class StorageDrivers {
    private StorageDrivers() {}

    /**
     * {@code uri} null means the default folder {@code <dataDir>/blobs}; {@code file:/…} a folder;
     * {@code s3://bucket?endpoint=…&region=…&prefix=…} an S3-compatible store with credentials from
     * the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the aws.accessKeyId /
     * aws.secretAccessKey system properties, or profiles).
     */
    public static StorageDriver fromUri(URI uri, Path dataDir) throws IOException {
        if (uri == null) return new FsStorageDriver(dataDir.resolve("blobs"));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "file" -> new FsStorageDriver(Path.of(uri.getPath()));
            case "s3" -> S3StorageDriver.connect(S3Config.parse(uri), DefaultCredentialsProvider.builder().build());
            default -> throw new IllegalArgumentException("unsupported blob store '" + uri
                    + "': use s3://bucket?endpoint=URL&region=REGION, a folder, or leave it unset for a folder under " + dataDir);
        };
    }

    /** Parses the {@code --blob-store} text: a URI, or a plain folder path; empty means the default. */
    public static StorageDriver fromOption(String option, Path dataDir) throws IOException {
        if (option == null || option.isBlank()) return fromUri(null, dataDir);
        if (option.startsWith("s3://") || option.startsWith("file:")) return fromUri(URI.create(option), dataDir);
        return new FsStorageDriver(Path.of(option));
    }
}
