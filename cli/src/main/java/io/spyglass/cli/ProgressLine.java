package io.spyglass.cli;

import io.spyglass.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as one line on a terminal, redrawn in place with {@code \r} at most every
 * {@link #INTERVAL_NANOS} (a layer read at disk speed would otherwise print thousands of lines a
 * second), and wiped when its task ends so warnings and results start on a clean line:
 * <pre>layer 2/7 sha256:3f4a9c01b2d4  12.3 MiB / 40.0 MiB  30%  4.1 MiB/s</pre>
 * Calls may come from a layer's read-ahead thread, hence the locking.
 */
final class ProgressLine implements ProgressListener {
    static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final LongSupplier nanos;
    private final int width;
    private String task;
    private long total;
    private long done;
    private long files;
    private String item;
    private long started;
    private long drawnAt;
    private int shown;

    /**
     * @param nanos a monotonic clock ({@code System::nanoTime}; a test's own)
     * @param width the terminal's width: a longer line would wrap, and {@code \r} only returns to the last row
     */
    ProgressLine(PrintWriter out, LongSupplier nanos, int width) {
        this.out = out;
        this.nanos = nanos;
        this.width = width;
    }

    @Override
    public synchronized void begin(String task, long totalBytes) {
        this.task = task;
        this.total = totalBytes;
        this.done = 0;
        this.files = 0;
        this.item = null;
        this.started = nanos.getAsLong();
        draw(started);
    }

    @Override
    public synchronized void advance(long bytes) {
        if (task == null) return; // a read-ahead thread finishing after the task ended
        done += bytes;
        long now = nanos.getAsLong();
        if (now - drawnAt >= INTERVAL_NANOS) draw(now);
    }

    @Override
    public synchronized void item(String name) {
        if (task == null) return;
        files++;
        item = name;
    }

    @Override
    public synchronized void end() {
        task = null;
        if (shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }

    private void draw(long now) {
        String line = line(now);
        if (line.length() > width - 1) line = line.substring(0, width - 1);
        // pad over what the longer previous line left
        out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        out.flush();
        shown = line.length();
        drawnAt = now;
    }

    private String line(long now) {
        StringBuilder b = new StringBuilder(task);
        if (files > 0) b.append("  ").append(files).append(files == 1 ? " file" : " files");
        b.append("  ").append(bytes(done));
        if (total > 0) {
            b.append(" / ").append(bytes(total)).append(String.format(Locale.ROOT, "  %d%%", Math.min(100, done * 100 / total)));
        }
        double seconds = (now - started) / 1e9;
        if (seconds > 0 && done > 0) b.append("  ").append(bytes((long) (done / seconds))).append("/s");
        if (item != null) b.append("  ").append(tail(item, 40));
        return b.toString();
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
