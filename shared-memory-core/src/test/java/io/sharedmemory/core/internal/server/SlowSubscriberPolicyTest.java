package io.sharedmemory.core.internal.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.sharedmemory.core.SubscriberLimits;
import io.sharedmemory.core.internal.server.SlowSubscriberPolicy.State;

import static io.sharedmemory.core.internal.server.SlowSubscriberPolicy.ENTRY_OVERHEAD_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow-subscriber policy on a clock the test moves: a burst over a soft limit passes, a
 * stall over it for the window is cut, the hard limit cuts at once. Then random backlogs against
 * a model written from the rule itself.
 */
class SlowSubscriberPolicyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** Frames of 936 bytes cost 1,000 with the overhead, so the arithmetic below stays readable. */
    private static final int FRAME = 1000 - ENTRY_OVERHEAD_BYTES;

    private long now = 123_456_789L;

    /** 100 kB hard, 10 kB (ten messages) or 20 messages soft, for 10 s. */
    private final SlowSubscriberPolicy policy = new SlowSubscriberPolicy(
            new SubscriberLimits(100_000, 10_000, Duration.ofSeconds(10)), 20, () -> this.now);

    @Test
    void aBacklogWithinTheSoftLimitsIsUnder() {
        for (int i = 0; i < 10; i++) {
            assertThat(this.policy.added(FRAME)).isFalse();
        }
        this.now += 3600 * SECOND;
        assertThat(this.policy.check()).isFalse();
        assertThat(this.policy.state()).isEqualTo(State.UNDER);
        assertThat(this.policy.bytes()).isEqualTo(10_000);
        assertThat(this.policy.messages()).isEqualTo(10);
    }

    @Test
    void aBurstOverTheSoftLimitThatDrainsWithinTheWindowPasses() {
        addMessages(50);
        assertThat(this.policy.state()).isEqualTo(State.OVER_SOFT);
        assertThat(this.policy.overSince()).isEqualTo(this.now);
        this.now += 9 * SECOND;
        assertThat(this.policy.removed(45L * FRAME, 45)).isFalse();
        assertThat(this.policy.state()).isEqualTo(State.UNDER);
        assertThat(this.policy.peakBytes()).isEqualTo(50_000);
        assertThat(this.policy.peakMessages()).isEqualTo(50);
    }

    @Test
    void goingBackUnderRestartsTheWindow() {
        addMessages(11);
        this.now += 9 * SECOND;
        this.policy.removed(FRAME, 1);
        assertThat(this.policy.state()).isEqualTo(State.UNDER);
        this.policy.added(FRAME);
        long since = this.now;
        this.now += 9 * SECOND;
        assertThat(this.policy.check()).isFalse();
        assertThat(this.policy.overSince()).isEqualTo(since);
        this.now += SECOND;
        assertThat(this.policy.check()).as("over for the whole window since going back over").isTrue();
    }

    @Test
    void aStallOverTheSoftBytesForTheWindowIsCutOnce() {
        addMessages(11);
        this.now += 10 * SECOND - 1;
        assertThat(this.policy.check()).isFalse();
        this.now += 1;
        assertThat(this.policy.check()).isTrue();
        assertThat(this.policy.state()).isEqualTo(State.CUT);
        assertThat(this.policy.cutReason()).contains("soft limit of 10000 bytes")
            .contains("shared-memory.subscriber-limits.soft").contains("for 10000 ms, past the 10000 ms")
            .contains("shared-memory.subscriber-limits.soft-duration").doesNotContain("max-pending-messages");
        assertThat(this.policy.check()).as("cut is reported once").isFalse();
        assertThat(this.policy.added(FRAME)).isFalse();
        assertThat(this.policy.removed(FRAME, 1)).isFalse();
        assertThat(this.policy.state()).isEqualTo(State.CUT);
    }

    @Test
    void manySmallMessagesPassTheSoftMessageLimit() {
        for (int i = 0; i < 21; i++) {
            this.policy.added(1);
        }
        assertThat(this.policy.state()).isEqualTo(State.OVER_SOFT);
        this.now += 10 * SECOND;
        assertThat(this.policy.added(1)).as("an added message also sees the window run out").isTrue();
        assertThat(this.policy.cutReason()).contains("soft limit of 20 messages (shared-memory.max-pending-messages)");
    }

    @Test
    void theHardLimitCutsAtOnce() {
        addMessages(100);
        assertThat(this.policy.state()).isEqualTo(State.OVER_SOFT);
        assertThat(this.policy.added(0)).isTrue();
        assertThat(this.policy.cutReason()).contains("100064 bytes in 101 messages")
            .contains("hard limit of 100000 bytes (shared-memory.subscriber-limits.hard)");
    }

    @Test
    void aZeroWindowCutsAtTheFirstMessagePastASoftLimit() {
        SlowSubscriberPolicy strict = new SlowSubscriberPolicy(new SubscriberLimits(100_000, 10_000, Duration.ZERO),
                5, () -> this.now);
        for (int i = 0; i < 5; i++) {
            assertThat(strict.added(1)).isFalse();
        }
        assertThat(strict.added(1)).isTrue();
    }

    @Test
    void anEndlessWindowNeverCutsBelowTheHardLimit() {
        SlowSubscriberPolicy lenient = new SlowSubscriberPolicy(
                new SubscriberLimits(100_000, 10_000, Duration.ofSeconds(Long.MAX_VALUE)), 5, () -> this.now);
        lenient.added(50_000);
        this.now = Long.MAX_VALUE;
        assertThat(lenient.check()).isFalse();
        assertThat(lenient.state()).isEqualTo(State.OVER_SOFT);
    }

    @Test
    void randomBacklogsFollowTheRule() {
        long base = Long.getLong("shared-memory.test.seed", System.nanoTime());
        for (int run = 0; run < 300; run++) {
            long seed = base + run;
            try {
                new RandomRun(new Random(seed)).run();
            }
            catch (AssertionError ex) {
                throw new AssertionError("seed " + seed + " (replay with -Dshared-memory.test.seed=" + seed + "): "
                        + ex.getMessage(), ex);
            }
        }
    }

    private void addMessages(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(this.policy.added(FRAME)).isFalse();
        }
    }

    /**
     * One random life of a backlog: messages of random sizes join it, the oldest leave in random
     * batches, time moves by random steps and sometimes only time is checked. A model kept
     * beside the policy says, from the rule alone, when the child must be cut.
     */
    private static final class RandomRun {

        private final Random random;

        private final long hard;

        private final long soft;

        private final int softMessages;

        private final long window;

        private long clock;

        private final Deque<Integer> frames = new ArrayDeque<>();

        private long modelBytes;

        private boolean modelOver;

        /** When the model's backlog went over a soft limit without a break since; while {@link #modelOver}. */
        private long modelOverSince;

        private boolean modelCut;

        RandomRun(Random random) {
            this.random = random;
            this.soft = 1 + random.nextInt(20_000);
            this.hard = this.soft + random.nextInt(40_000);
            this.softMessages = 1 + random.nextInt(40);
            this.window = random.nextInt(4) == 0 ? 0 : random.nextInt(5_000);
            this.clock = random.nextLong();
        }

        void run() {
            SlowSubscriberPolicy policy = new SlowSubscriberPolicy(
                    new SubscriberLimits(this.hard, this.soft, Duration.ofNanos(this.window)), this.softMessages,
                    () -> this.clock);
            String limits = "hard " + this.hard + ", soft " + this.soft + " / " + this.softMessages + ", window "
                    + this.window;
            for (int step = 0; step < 400 && !this.modelCut; step++) {
                this.clock += this.random.nextInt(3) == 0 ? 0 : this.random.nextInt(1_000);
                boolean cut;
                String what;
                int choice = this.random.nextInt(10);
                if (choice < 5) {
                    int frame = this.random.nextInt(3_000);
                    this.frames.addLast(frame);
                    this.modelBytes += frame + ENTRY_OVERHEAD_BYTES;
                    what = "add " + frame;
                    cut = policy.added(frame);
                }
                else if (choice < 9 && !this.frames.isEmpty()) {
                    int count = 1 + this.random.nextInt(this.frames.size());
                    long frameBytes = 0;
                    for (int i = 0; i < count; i++) {
                        frameBytes += this.frames.removeFirst();
                    }
                    this.modelBytes -= frameBytes + (long) count * ENTRY_OVERHEAD_BYTES;
                    what = "remove " + count;
                    cut = policy.removed(frameBytes, count);
                }
                else {
                    what = "check";
                    cut = policy.check();
                }
                boolean expected = modelObserve();
                String at = limits + "; step " + step + " (" + what + "), backlog " + this.modelBytes + " bytes in "
                        + this.frames.size() + " messages";
                assertThat(cut).as("cut at " + at).isEqualTo(expected);
                assertInvariants(policy, at);
            }
        }

        /** The rule as the issue states it: past hard, or over a soft limit for the whole window. */
        private boolean modelObserve() {
            boolean over = this.modelBytes > this.soft || this.frames.size() > this.softMessages;
            if (over && !this.modelOver) {
                this.modelOverSince = this.clock;
            }
            this.modelOver = over;
            boolean cut = this.modelBytes > this.hard || (over && this.clock - this.modelOverSince >= this.window);
            this.modelCut = cut;
            return cut;
        }

        private void assertInvariants(SlowSubscriberPolicy policy, String at) {
            assertThat(policy.bytes()).as("bytes at " + at).isEqualTo(this.modelBytes).isNotNegative();
            assertThat(policy.messages()).as("messages at " + at).isEqualTo(this.frames.size()).isNotNegative();
            assertThat(policy.bytes() == 0).as("empty at " + at).isEqualTo(policy.messages() == 0);
            switch (policy.state()) {
                case UNDER -> {
                    assertThat(policy.bytes()).as("UNDER bytes at " + at).isLessThanOrEqualTo(this.soft);
                    assertThat(policy.messages()).as("UNDER messages at " + at).isLessThanOrEqualTo(this.softMessages);
                }
                case OVER_SOFT -> {
                    assertThat(policy.bytes()).as("OVER_SOFT bytes at " + at).isLessThanOrEqualTo(this.hard);
                    assertThat(policy.bytes() > this.soft || policy.messages() > this.softMessages)
                        .as("OVER_SOFT is over at " + at).isTrue();
                    assertThat(policy.overSince()).as("since at " + at).isEqualTo(this.modelOverSince);
                    assertThat(this.clock - policy.overSince()).as("within the window at " + at)
                        .isLessThan(this.window);
                }
                case CUT -> assertThat(policy.cutReason()).as("reason at " + at).isNotBlank();
            }
        }
    }
}
