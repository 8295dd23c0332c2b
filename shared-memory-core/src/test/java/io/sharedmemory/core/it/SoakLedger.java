package io.sharedmemory.core.it;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Everything the soak children reported, by child incarnation: the calls main acknowledged,
 * the calls that failed, and what each surviving subscriber received. Read-only queries over
 * it express the soak's invariants; {@link ChaosSoakTest} decides the time windows.
 */
final class SoakLedger {

    /** An acknowledged set of {@code key} (whose value is the key itself). */
    record SetAck(String key, long sentMillis, long ackMillis) {
    }

    /** An acknowledged increment that returned {@code value}. */
    record IncrementAck(long value, long sentMillis, long ackMillis) {
    }

    /** An acknowledged publish of message {@code seq} of {@code publisher}. */
    record PublishAck(String publisher, int seq, long sentMillis, long ackMillis) {
    }

    /** One child JVM from its start to its end. */
    static final class Incarnation {

        final String tag;

        /** When its subscription was known to main: the {@code soak} command had returned. */
        long subscribedMillis;

        /** When it was seen connected to the restarted main, if it lived through the restart. */
        long resubscribedMillis = -1;

        boolean killed;

        long killedMillis;

        /** Out-of-order or duplicate messages it reported; -1 if it never reported. */
        long disorders = -1;

        final Map<String, BitSet> received = new HashMap<>();

        final List<String> disorderLines = new ArrayList<>();

        Incarnation(String tag) {
            this.tag = tag;
        }

        boolean reported() {
            return this.disorders >= 0;
        }
    }

    private final List<Incarnation> incarnations = new ArrayList<>();

    private final List<SetAck> sets = new ArrayList<>();

    private final List<IncrementAck> increments = new ArrayList<>();

    private final List<PublishAck> publishes = new ArrayList<>();

    /** Failed calls by operation, with the time they were sent. */
    private final Map<String, List<Long>> failures = new HashMap<>();

    private final Map<String, Integer> failureKinds = new HashMap<>();

    private long maxLatencyMicros;

    private String slowestCall = "none";

    Incarnation newIncarnation(String tag) {
        Incarnation incarnation = new Incarnation(tag);
        this.incarnations.add(incarnation);
        return incarnation;
    }

    List<Incarnation> incarnations() {
        return this.incarnations;
    }

    /** Takes every {@code EV} line an agent printed so far. */
    void drain(Incarnation incarnation, AgentProcess agent) {
        String line;
        while ((line = agent.events().poll()) != null) {
            record(incarnation, line.split(" "));
        }
    }

    private void record(Incarnation incarnation, String[] w) {
        switch (w[1]) {
            case "SET" -> this.sets.add(new SetAck(w[2], Long.parseLong(w[3]), ack(w, 3, 4)));
            case "INC" -> this.increments.add(new IncrementAck(Long.parseLong(w[2]), Long.parseLong(w[3]), ack(w, 3, 4)));
            case "PUB" -> this.publishes.add(new PublishAck(w[2], Integer.parseInt(w[3]), Long.parseLong(w[4]),
                    ack(w, 4, 5)));
            case "FAIL" -> {
                this.failures.computeIfAbsent(w[2], (op) -> new ArrayList<>()).add(Long.parseLong(w[3]));
                this.failureKinds.merge(w[2] + " " + w[5], 1, Integer::sum);
                latency(w, 4);
            }
            case "DISORDER" -> incarnation.disorderLines.add(String.join(" ", w));
            case "RECV" -> incarnation.received.put(w[2], parseRanges(w[3]));
            default -> throw new IllegalStateException("Unknown soak event " + String.join(" ", w));
        }
    }

    /** The wall-clock time of the reply: sent time plus the call's duration, rounded up. */
    private long ack(String[] w, int sentIndex, int microsIndex) {
        long micros = latency(w, microsIndex);
        return Long.parseLong(w[sentIndex]) + (micros + 999) / 1000;
    }

    private long latency(String[] w, int index) {
        long micros = Long.parseLong(w[index]);
        if (micros > this.maxLatencyMicros) {
            this.maxLatencyMicros = micros;
            this.slowestCall = String.join(" ", w);
        }
        return micros;
    }

    private static BitSet parseRanges(String ranges) {
        BitSet seqs = new BitSet();
        if (!ranges.equals("-")) {
            for (String range : ranges.split(",")) {
                int dash = range.indexOf('-');
                seqs.set(Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1)) + 1);
            }
        }
        return seqs;
    }

    List<SetAck> sets(LongPredicate sent, LongPredicate acked) {
        return this.sets.stream().filter((s) -> sent.test(s.sentMillis()) && acked.test(s.ackMillis())).toList();
    }

    List<IncrementAck> increments(Predicate<IncrementAck> which) {
        return this.increments.stream().filter(which).toList();
    }

    List<PublishAck> publishes() {
        return this.publishes;
    }

    long failures(String op, LongPredicate sent) {
        return this.failures.getOrDefault(op, List.of()).stream().filter(sent::test).count();
    }

    Map<String, Integer> failureKinds() {
        return this.failureKinds;
    }

    long acknowledgedCalls() {
        return this.sets.size() + this.increments.size() + this.publishes.size();
    }

    long maxLatencyMicros() {
        return this.maxLatencyMicros;
    }

    String slowestCall() {
        return this.slowestCall;
    }
}
