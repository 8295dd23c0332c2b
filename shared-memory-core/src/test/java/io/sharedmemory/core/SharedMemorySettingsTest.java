package io.sharedmemory.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The subscriber limits are checked with the other settings and named as the builder names them. */
class SharedMemorySettingsTest {

    @Test
    void theDefaultsAreRedisPubSubLimitsWithATenSecondWindow() {
        SubscriberLimits limits = SharedMemory.builder().settings().subscriberLimits();
        assertThat(limits.hardBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(limits.softBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(limits.softDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SharedMemory.builder().settings().maxPendingMessages()).isEqualTo(10_000);
    }

    @Test
    void theBuilderSetsTheLimits() {
        SubscriberLimits limits = SharedMemory.builder().maxFrameSize(1024).subscriberHardLimit(4096)
            .subscriberSoftLimit(4096).subscriberSoftDuration(Duration.ZERO).settings().subscriberLimits();
        assertThat(limits).isEqualTo(new SubscriberLimits(4096, 4096, Duration.ZERO));
    }

    @Test
    void theHardLimitMustHoldTheLargestFrame() {
        assertRefused(SharedMemory.builder().maxFrameSize(2048).subscriberHardLimit(2047).subscriberSoftLimit(1),
                "subscriberHardLimit", 2047L, "the frame limit (2048 bytes)");
    }

    @Test
    void theSoftLimitMustBePositiveAndNotAboveTheHardOne() {
        assertRefused(SharedMemory.builder().subscriberSoftLimit(0), "subscriberSoftLimit", 0L, "between 1 byte");
        assertRefused(SharedMemory.builder().subscriberHardLimit(64L << 20).subscriberSoftLimit((64L << 20) + 1),
                "subscriberSoftLimit", (64L << 20) + 1, "the hard limit (67108864 bytes)");
    }

    @Test
    void theSoftDurationMustBeGivenAndNotNegative() {
        assertRefused(SharedMemory.builder().subscriberSoftDuration(Duration.ofMillis(-1)), "subscriberSoftDuration",
                Duration.ofMillis(-1), "must not be negative");
        assertRefused(SharedMemory.builder().subscriberSoftDuration(null), "subscriberSoftDuration", null,
                "is required");
    }

    private static void assertRefused(SharedMemory.Builder builder, String setting, Object value, String reason) {
        assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(builder::settings).satisfies((ex) -> {
            assertThat(ex.getSetting()).isEqualTo(setting);
            assertThat(ex.getValue()).isEqualTo(value);
            assertThat(ex.getReason()).contains(reason);
        });
    }
}
