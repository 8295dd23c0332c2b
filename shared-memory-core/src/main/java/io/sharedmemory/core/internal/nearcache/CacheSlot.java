package io.sharedmemory.core.internal.nearcache;

import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * Internal. What the near cache holds for one key: a read in flight ({@link Pending}) or a value
 * read from the store ({@link Cached}).
 */
sealed interface CacheSlot {

    /**
     * A read of the key was sent while tracking was LIVE in {@code generation}. Its reply is
     * cached only if this very slot is still there when it comes (an invalidation or a lost
     * tracking removes it) and tracking is still LIVE in the same generation. Compared by identity.
     */
    record Pending(long generation) implements CacheSlot {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * A value the store returned. An immutable value ({@code String}, boxed numbers, ...) is kept
     * as it is and handed to every reader; any other is kept encoded and decoded at each hit, so a
     * reader always gets a copy of its own, as from the store. An absent key is cached too.
     * @param value the immutable value, or {@code null}
     * @param encoded the encoded value when it is not immutable, or {@code null}
     */
    record Cached(Object value, byte[] encoded) implements CacheSlot {

        static final Cached ABSENT = new Cached(null, null);

        static Cached of(Object value, ValueCodec codec) {
            if (value == null) {
                return ABSENT;
            }
            return ValueCodec.isImmutable(value) ? new Cached(value, null) : new Cached(null, codec.encode(value));
        }

        Object read(ValueCodec codec) {
            return (this.encoded != null) ? codec.decode(this.encoded) : this.value;
        }
    }
}
