package io.spyglass.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A long job logs done/total and its rate once per interval on a fake clock, never more often. */
class JobProgressLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.spyglass.server.ops.JobProgressLogTest");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(7_000_000_000L);

    JobProgressLogTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void after(long seconds, long millis) {
        now.set(7_000_000_000L + seconds * 1_000_000_000L + millis * 1_000_000L);
    }

    @Test
    void logsOncePerIntervalWithDoneTotalShareAndRate() {
        JobProgressLog progress = new JobProgressLog(logger, "re-evaluation of change set 42", 5000, "images",
                now::get, Duration.ofSeconds(5));
        for (int s = 0; s < 5; s++) {
            after(s, 0);
            progress.advance(200);
        }
        assertThat(lines()).as("nothing before five seconds").isEmpty();
        after(5, 0);
        progress.advance(200);
        assertThat(lines()).containsExactly("re-evaluation of change set 42: 1200/5000 images (24%), 240 images/s");
        after(9, 999);
        progress.advance(800);
        assertThat(lines()).hasSize(1);
        after(10, 0);
        progress.advance(500);
        assertThat(lines()).hasSize(2).last().isEqualTo("re-evaluation of change set 42: 2500/5000 images (50%), 250 images/s");
        assertThat(appender.list).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
    }

    @Test
    void aJobShorterThanTheIntervalLogsNothing() {
        JobProgressLog progress = new JobProgressLog(logger, "garbage collection sweep", 3, "blobs", now::get, Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            after(1, i * 100);
            progress.advance(1);
        }
        assertThat(lines()).isEmpty();
        assertThat(progress.done()).isEqualTo(3);
    }
}
