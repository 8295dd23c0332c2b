package io.sharedmemory.bench;

import java.util.Locale;

/**
 * One performance target of the issue, checked as a ratio measured in the same run.
 *
 * @param scenario the scenario it belongs to
 * @param name what is compared, e.g. {@code p50 ÷ floor}
 * @param ratio the measured ratio, {@code NaN} if the baseline is missing
 * @param atMost {@code true} if the ratio must be at most the limit, {@code false} at least
 * @param limit the limit
 */
public record TargetCheck(Scenario scenario, String name, double ratio, boolean atMost, double limit) {

    /**
     * Whether both sides were measured.
     * @return {@code false} if a baseline was skipped
     */
    public boolean available() {
        return !Double.isNaN(this.ratio);
    }

    /**
     * Whether the target is met.
     * @return {@code true} if met; {@code false} if missed or not measurable
     */
    public boolean met() {
        return available() && (this.atMost ? this.ratio <= this.limit : this.ratio >= this.limit);
    }

    /**
     * The target and its outcome in words.
     * @return e.g. {@code PASS p50 ÷ floor ≤ 1.2 (1.05)}
     */
    public String describe() {
        String rule = String.format(Locale.ROOT, "%s %s %s", this.name, this.atMost ? "≤" : "≥", number(this.limit));
        if (!available()) {
            return "n/a " + rule;
        }
        return (met() ? "PASS " : "FAIL ") + rule + String.format(Locale.ROOT, " (%s)", number(this.ratio));
    }

    private static String number(double value) {
        return (value >= 10) ? String.format(Locale.ROOT, "%.0f×", value) : String.format(Locale.ROOT, "%.2f×", value);
    }
}
