package io.motam.gateway.bluetooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.motam.gateway.config.LinkConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block list on a real file: bounded, oldest forgotten first, also when read back. */
class BlocklistTest {
    @TempDir
    Path dataDir;

    /** The link config with only {@code bluetooth().maxBlocked()} answered. */
    static LinkConfig maxBlocked(int max) {
        LinkConfig.Bluetooth bt = (LinkConfig.Bluetooth) Proxy.newProxyInstance(
                LinkConfig.class.getClassLoader(), new Class<?>[] {LinkConfig.Bluetooth.class}, (p, m, a) -> {
                    if (m.getName().equals("maxBlocked")) {
                        return max;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (LinkConfig) Proxy.newProxyInstance(
                LinkConfig.class.getClassLoader(), new Class<?>[] {LinkConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("bluetooth")) {
                        return bt;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private Blocklist open(int max) {
        Blocklist b = new Blocklist();
        b.mapper = new ObjectMapper();
        b.dataDir = dataDir;
        b.link = maxBlocked(max);
        b.load();
        return b;
    }

    private static Blocklist.Blocked device(int n) {
        return new Blocklist.Blocked(
                String.format("bt:AA:BB:CC:DD:EE:%02X", n),
                "cam-" + n,
                null,
                Instant.parse("2026-12-01T00:00:00Z").plusSeconds(n),
                "denied");
    }

    @Test
    void add_beyondTheBound_forgetsTheOldestFirstAndSaysWhich() throws Exception {
        Blocklist list = open(3);
        for (int n = 1; n <= 3; n++) {
            assertEquals(List.of(), list.add(device(n)));
        }
        assertEquals(List.of(device(1)), list.add(device(4)));
        assertEquals(List.of(device(2)), list.add(device(5)));
        assertEquals(List.of(device(3), device(4), device(5)), list.all());
        assertFalse(
                Files.readString(dataDir.resolve("blocked.json"))
                        .contains(device(1).address()),
                "the forgotten entry is gone from the file too");
    }

    @Test
    void add_aDeviceAlreadyBlocked_movesItToTheNewestPlace() {
        Blocklist list = open(3);
        list.add(device(1));
        list.add(device(2));
        list.add(device(3));
        list.add(device(1));
        assertEquals(List.of(device(2)), list.add(device(4)), "device 1 was blocked again, so 2 is the oldest");
        assertTrue(list.contains(device(1).address()));
    }

    @Test
    void load_aFileLongerThanTheBound_keepsTheNewest() {
        Blocklist big = open(10);
        for (int n = 1; n <= 6; n++) {
            big.add(device(n));
        }
        Blocklist small = open(4);
        assertEquals(List.of(device(3), device(4), device(5), device(6)), small.all());
        assertEquals(4, open(10).all().size(), "the trimmed list was written back");
    }

    @Test
    void load_boundBelowOne_isRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(0));
        assertTrue(e.getMessage().contains("motam.link.bluetooth.max-blocked"), e.getMessage());
    }
}
