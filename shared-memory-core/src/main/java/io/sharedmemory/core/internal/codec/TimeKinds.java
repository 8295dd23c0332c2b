package io.sharedmemory.core.internal.codec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import io.sharedmemory.core.SharedMemoryCodecException;

/** java.time kinds of tag 0x14: written as {@code toString()}, read back with the class's parser. */
final class TimeKinds {

    private static final Map<Class<?>, Integer> KINDS = Map.ofEntries(
            Map.entry(Instant.class, 1), Map.entry(LocalDate.class, 2), Map.entry(LocalTime.class, 3),
            Map.entry(LocalDateTime.class, 4), Map.entry(OffsetDateTime.class, 5),
            Map.entry(ZonedDateTime.class, 6), Map.entry(Duration.class, 7), Map.entry(Period.class, 8),
            Map.entry(Year.class, 9), Map.entry(YearMonth.class, 10), Map.entry(MonthDay.class, 11),
            Map.entry(OffsetTime.class, 12), Map.entry(ZoneOffset.class, 13));

    private TimeKinds() {
    }

    /** @return the kind of a java.time value class, or 0 if it has none */
    static int kindOf(Class<?> type) {
        Integer kind = KINDS.get(type);
        return kind == null ? 0 : kind;
    }

    static boolean isTimeClass(Class<?> type) {
        return KINDS.containsKey(type);
    }

    static Object parse(int kind, String text) {
        try {
            return switch (kind) {
                case 1 -> Instant.parse(text);
                case 2 -> LocalDate.parse(text);
                case 3 -> LocalTime.parse(text);
                case 4 -> LocalDateTime.parse(text);
                case 5 -> OffsetDateTime.parse(text);
                case 6 -> ZonedDateTime.parse(text);
                case 7 -> Duration.parse(text);
                case 8 -> Period.parse(text);
                // Year.toString() has no padding or sign rules, so Year.parse would refuse "-5" or "10000".
                case 9 -> Year.of(Integer.parseInt(text));
                case 10 -> YearMonth.parse(text);
                case 11 -> MonthDay.parse(text);
                case 12 -> OffsetTime.parse(text);
                case 13 -> ZoneOffset.of(text);
                default -> throw new SharedMemoryCodecException("Unknown java.time kind " + kind);
            };
        } catch (RuntimeException e) {
            if (e instanceof SharedMemoryCodecException codec) {
                throw codec;
            }
            throw new SharedMemoryCodecException("Malformed java.time value of kind " + kind + ": '"
                    + TrustedPackages.abbreviate(text) + "'", e);
        }
    }
}
