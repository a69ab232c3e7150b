package io.spyglass.advisory.source.nvd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * NVD CVE API 2.0 records and pages.
 * Property: the parser is pure and total, as {@code FeedReader.FileParser} documents: any bytes
 * give a {@code Parsed} (records, and problems naming what was wrong); it never throws.
 */
@Timeout(30)
class NvdParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void cve(byte[] input) {
        NvdParser.parse("CVE-2024-5535.json", input);
    }
}
