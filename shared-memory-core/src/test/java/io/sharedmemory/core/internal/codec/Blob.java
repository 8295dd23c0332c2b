package io.sharedmemory.core.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds encoded values by hand, byte by byte, as a child in another language would. */
final class Blob {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Blob of() {
        return new Blob();
    }

    Blob u8(int v) {
        out.write(v);
        return this;
    }

    Blob u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Blob u32(int v) {
        return u8(v >>> 24).u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    Blob i64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    Blob str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        out.writeBytes(b);
        return this;
    }

    Blob raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A 0x20 object: class name and JSON text. */
    Blob object(String className, String json) {
        return u8(0x20).str(className).str(json);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
