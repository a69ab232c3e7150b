package io.spyglass.advisory.source.osv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * OSV records (JSON, and YAML as some databases publish them), one, an array or an osv.dev bundle.
 * Property: the parser is pure and total, as {@code FeedReader.FileParser} documents: any bytes
 * give a {@code Parsed} (records, and problems naming what was wrong); it never throws.
 */
@Timeout(30)
class OsvParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void json(byte[] input) {
        new OsvParser("osv").parse("GHSA-xxxx.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void yaml(byte[] input) {
        new OsvParser("pypa").parse("PYSEC-2023-1.yaml", input);
    }
}
