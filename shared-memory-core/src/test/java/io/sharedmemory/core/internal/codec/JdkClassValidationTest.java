package io.sharedmemory.core.internal.codec;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sharedmemory.core.SharedMemoryCodecException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Main's check of a value refuses what every reader would refuse: a JDK class is trusted by
 * its package only if it is a record or an enum, so main does not store a
 * {@code java.lang.ProcessBuilder} that no process may ever build.
 */
class JdkClassValidationTest {

    private final ValueCodec main = new ValueCodec(List.of(), null);

    @Test
    void jdkClassesThatAreNeitherRecordsNorEnumsAreRefusedByMain() {
        for (String gadget : GadgetNames.INSIDE_TRUSTED_PACKAGES) {
            byte[] value = Blob.of().object(gadget, "{\"command\":[\"touch\",\"/tmp/x\"]}").bytes();
            assertThatThrownBy(() -> this.main.validate(value)).as(gadget)
                    .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining(gadget);
            byte[] nested = Blob.of().u8(0x10).u8(0).u32(1).raw(value).bytes();
            assertThatThrownBy(() -> this.main.validate(nested)).as(gadget)
                    .isInstanceOf(SharedMemoryCodecException.class);
        }
    }

    @Test
    void jdkEnumsAreStillValues() {
        assertThatNoException().isThrownBy(() -> this.main.validate(this.main.encode(java.time.DayOfWeek.MONDAY)));
        assertThatNoException().isThrownBy(() -> this.main.validate(
                this.main.encode(java.util.concurrent.TimeUnit.SECONDS)));
    }

    @Test
    void aJdkNameThisJvmDoesNotKnowIsLeftToItsReaders() {
        // A child on a newer Java may store one of its records; main cannot judge it, readers can.
        assertThatNoException().isThrownBy(
                () -> this.main.validate(Blob.of().object("java.util.SomeFutureRecord", "{}").bytes()));
    }
}
