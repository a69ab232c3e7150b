package io.spyglass.cli;

import io.spyglass.progress.ProgressListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -q/--quiet}, shared by every command that can run long (reading images, {@code db update},
 * {@code db import}): progress is drawn on standard error only when it is a terminal
 * ({@link Terminal}) and {@code --quiet} is not given. Results and errors are never affected.
 */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "Show no progress (shown only when standard error is a terminal; "
            + "SPYGLASS_PROGRESS=always|never overrides that check).")
    boolean quiet;

    /** Where progress goes: a line redrawn on {@code err}, or nowhere. */
    ProgressListener listener(PrintWriter err) {
        if (quiet || !Terminal.stderr()) return ProgressListener.NONE;
        return new ProgressLine(err, System::nanoTime, Terminal.width(System.getenv()));
    }

    ProgressListener listener(PrintStream err) {
        return listener(new PrintWriter(err));
    }
}
