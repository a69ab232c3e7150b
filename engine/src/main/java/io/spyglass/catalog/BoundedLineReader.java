package io.spyglass.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines with a ceiling on line length, for package databases read line by line (dpkg
 * status, apk installed). {@link BufferedReader#readLine()} would hold a hostile gigabyte without a
 * newline in memory; here a longer line is cut at the ceiling, the rest skipped, and
 * {@link #lastLineTruncated()} says so. Does not close the stream (the walker owns it).
 */
public final class BoundedLineReader {
    private final BufferedReader reader;
    private final int maxLine;
    private boolean truncated;

    public BoundedLineReader(InputStream in, int maxLine) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        this.maxLine = maxLine;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
    public String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        int c = reader.read();
        if (c < 0) return null;
        for (; c >= 0 && c != '\n'; c = reader.read()) {
            if (line.length() < maxLine) line.append((char) c);
            else truncated = true;
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') line.setLength(last);
        return line.toString();
    }

    /** True when the line last returned was longer than the ceiling and was cut. */
    public boolean lastLineTruncated() {
        return truncated;
    }
}
