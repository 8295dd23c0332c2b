package io.sharedmemory.core.internal.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sharedmemory.core.internal.wire.Opcodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/protocol-vectors.md is the protocol's reference for other languages: every frame it
 * lists is exactly what the code writes, and reads back as the message it names.
 */
class ProtocolVectorsTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "protocol-vectors.md");

    private static final Pattern ROW = Pattern.compile("^\\| (.+) \\| `([0-9a-f ]+)` \\|$");

    @Test
    void everyFrameTheDocumentListsIsWhatTheCodeWrites() throws IOException {
        Map<String, String> documented = documented();
        for (ProtocolVectors.Vector vector : ProtocolVectors.all()) {
            assertThat(documented).as("the document lists %s", vector.name()).containsKey(vector.name());
            assertThat(ProtocolVectors.hex(vector.write())).as(vector.name()).isEqualTo(documented.get(vector.name()));
        }
        assertThat(documented).hasSameSizeAs(ProtocolVectors.all());
    }

    @Test
    void everyFrameTheDocumentListsReadsBackAsItsMessage() throws IOException {
        Map<String, String> documented = documented();
        for (ProtocolVectors.Vector vector : ProtocolVectors.all()) {
            byte[] frame = HexFormat.of().parseHex(documented.get(vector.name()).replace(" ", ""));
            ProtocolVectors.Read read = ProtocolVectors.read(frame);
            assertThat(read.message()).as(vector.name()).isEqualTo(vector.message());
            assertThat(read.id()).as(vector.name()).isEqualTo(vector.id());
        }
    }

    @Test
    void theDocumentHasAFrameOfEveryOpcode() throws IOException {
        Set<Integer> opcodes = documented().values().stream()
            .map((hex) -> Integer.parseInt(hex.substring(9, 11), 16)).collect(Collectors.toSet());
        assertThat(opcodes).containsAll(Set.of((int) Opcodes.HELLO, (int) Opcodes.WELCOME, (int) Opcodes.FATAL))
            .containsAll(range(Opcodes.GET, Opcodes.UNWATCH))
            .containsAll(range(Opcodes.OK, Opcodes.KEYS_PART))
            .contains((int) Opcodes.ERROR, (int) Opcodes.MESSAGE, (int) Opcodes.PMESSAGE,
                (int) Opcodes.KEY_EVENT);
    }

    private static Set<Integer> range(byte first, byte last) {
        return java.util.stream.IntStream.rangeClosed(first, last).boxed().collect(Collectors.toSet());
    }

    private static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(1).replace("\\|", "|"), row.group(2));
            }
        }
        return rows;
    }
}
