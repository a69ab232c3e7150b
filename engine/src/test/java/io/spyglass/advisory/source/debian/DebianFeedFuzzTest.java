package io.spyglass.advisory.source.debian;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * The Debian security tracker: its JSON feed and the DSA/DLA {@code list} files.
 * Property: the parser is pure and total, as {@code FeedReader.FileParser} documents: any bytes
 * give a {@code Parsed} (records, and problems naming what was wrong); it never throws.
 */
@Timeout(30)
class DebianFeedFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void trackerJson(byte[] input) {
        DebianTrackerJsonParser.parse("debian.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void list(byte[] input) {
        DebianListParser.parse("data/DSA/list", input);
    }
}
