package io.sharedmemory.core.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a property run promises: the same seed draws the same inputs, every try is checked
 * until one fails, and that failure names the seed, the try, the input (bytes in hex) and the
 * command that replays it, with the original failure as its cause.
 */
class TriesTest {

    @Test
    void theSameSeedDrawsTheSameInputs() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Tries.forAll(new SeededRandom(42), 100, (random) -> Tries.describe(random.bytes(0, 20)), first::add);
        Tries.forAll(new SeededRandom(42), 100, (random) -> Tries.describe(random.bytes(0, 20)), second::add);
        assertThat(first).hasSize(100).isEqualTo(second);
    }

    @Test
    void everyTryIsCheckedWhenThePropertyHolds() {
        int[] checked = { 0 };
        Tries.forAll(new SeededRandom(7), 250, SeededRandom::anyInt, (value) -> checked[0]++);
        assertThat(checked[0]).isEqualTo(250);
    }

    @Test
    void aFailureNamesSeedTryInputAndReplay() {
        int[] tries = { 0 };
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> Tries.forAll(new SeededRandom(-5), 1000, (random) -> new Input(new byte[] { 0x0A, (byte) 0xFF },
                        "a\"\n"), (input) -> {
                            if (++tries[0] == 3) {
                                throw new IllegalStateException("broken");
                            }
                        }));
        assertThat(failure).hasMessageContaining("try 3 of 1000").hasMessageContaining("seed -5")
                .hasMessageContaining("-Dtest='TriesTest#aFailureNamesSeedTryInputAndReplay'")
                .hasMessageContaining("-D" + SeededRandom.SEED_PROPERTY + "=-5")
                .hasMessageContaining("Input[bytes=2 bytes [0aff], text=\"a\\\"\\u000a\"]")
                .hasMessageContaining("IllegalStateException: broken")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    /** An input of two parts, to show each is described by name. */
    private record Input(byte[] bytes, String text) {
    }
}
