package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line on a fake clock: redrawn at most every quarter second, with bytes, share and rate, wiped at the end. */
class ProgressLineTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StringWriter written = new StringWriter();
    private final ProgressLine line = new ProgressLine(new PrintWriter(written), now::get, 120);

    private void at(long millis) {
        now.set(1_000_000_000L + millis * 1_000_000L);
    }

    /** The lines drawn, in order (each starts with a carriage return). */
    private List<String> draws() {
        return Arrays.stream(written.toString().split("\r")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void redrawsAtMostFourTimesASecondWithBytesShareAndRate() {
        line.begin("layer 1/2 sha256:0123456789ab", 4 * 1024 * 1024);
        assertThat(draws()).containsExactly("layer 1/2 sha256:0123456789ab  0 B / 4.0 MiB  0%");
        at(100);
        line.advance(512 * 1024);
        at(200);
        line.advance(512 * 1024);
        assertThat(draws()).as("throttled").hasSize(1);
        at(250);
        line.advance(1024 * 1024);
        // 2 MiB in a quarter second
        assertThat(draws()).hasSize(2).last().isEqualTo("layer 1/2 sha256:0123456789ab  2.0 MiB / 4.0 MiB  50%  8.0 MiB/s");
        for (int ms = 260; ms <= 1250; ms += 10) {
            at(ms);
            line.advance(1024);
        }
        assertThat(draws()).as("a second of reads gives four more lines, not a hundred").hasSize(6);
    }

    @Test
    void anImportCountsFilesAndNamesTheLastWithoutATotal() {
        line.begin("import go", -1);
        at(500);
        line.item("osv/GO-2024-3228.json");
        line.advance(2048);
        assertThat(draws()).last().isEqualTo("import go  1 file  2.0 KiB  4.0 KiB/s  osv/GO-2024-3228.json");
    }

    @Test
    void endWipesTheLineAndLateBytesDrawNothing() {
        line.begin("download feed.json", 100);
        at(300);
        line.advance(50);
        line.end();
        String after = written.toString();
        assertThat(after).endsWith("\r" + " ".repeat("download feed.json  50 B / 100 B  50%  166 B/s".length()) + "\r");
        at(900);
        line.advance(50); // the read-ahead thread's last chunk, after the layer ended
        assertThat(written.toString()).isEqualTo(after);
    }

    @Test
    void aLineNeverWrapsTheTerminal() {
        ProgressLine narrow = new ProgressLine(new PrintWriter(written), now::get, 30);
        narrow.begin("layer 1/9 sha256:0123456789ab", 1 << 30);
        assertThat(draws()).allMatch(l -> l.length() <= 29);
    }
}
