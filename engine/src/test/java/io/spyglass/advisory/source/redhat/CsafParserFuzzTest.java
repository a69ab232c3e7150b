package io.spyglass.advisory.source.redhat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Red Hat CSAF 2.0 VEX and advisory documents.
 * Property: the parser is pure and total, as {@code FeedReader.FileParser} documents: any bytes
 * give a {@code Parsed} (records, and problems naming what was wrong); it never throws.
 */
@Timeout(30)
class CsafParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void csaf(byte[] input) {
        CsafParser.parse("cve-2024-8088.json", input);
    }
}
