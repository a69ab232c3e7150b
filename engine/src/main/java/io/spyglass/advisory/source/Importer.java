package io.spyglass.advisory.source;

import io.spyglass.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/** Reads one source's data from a file, folder or archive (zip, tar, tar.gz, tar.zst). Never fetches. */
public interface Importer {

    /** The source name used on the command line and in the store ({@code osv}, {@code debian}, …). */
    String source();

    /**
     * Reads every record under {@code paths} as one import (one feed spread over several places). A bad record is skipped and reported in the result; a
     * broken container (truncated zip, unreadable folder) or a path with nothing importable throws.
     *
     * @throws AdvisoryImportException when the import must not be applied at all
     */
    ImportResult read(List<Path> paths);

    /** {@link #read(List)}, telling {@code progress} of each file read (one task for the whole import). */
    default ImportResult read(List<Path> paths, ProgressListener progress) {
        progress.begin("import " + source(), -1);
        try {
            return InputFiles.reporting(progress, () -> read(paths));
        } finally {
            progress.end();
        }
    }

    /** Reads one file, folder or archive. */
    default ImportResult read(Path path) {
        return read(List.of(path));
    }
}
