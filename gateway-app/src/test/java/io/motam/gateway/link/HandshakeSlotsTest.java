package io.motam.gateway.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeSlotsTest {
    private final HandshakeSlots slots = new HandshakeSlots(4, 2);

    private HandshakeSlots.Slot admitted(String source) {
        return assertInstanceOf(HandshakeSlots.Slot.class, slots.admit(source));
    }

    private HandshakeSlots.Refused refused(String source) {
        return assertInstanceOf(HandshakeSlots.Refused.class, slots.admit(source));
    }

    @Test
    void admit_thirdFromOneSource_isRefusedSourceBusy_otherSourcesStillAdmitted() {
        admitted("tcp:192.0.2.1");
        admitted("tcp:192.0.2.1");
        HandshakeSlots.Refused r = refused("tcp:192.0.2.1");
        assertEquals(HandshakeSlots.Refusal.SOURCE_BUSY, r.why());
        assertEquals(2, r.fromSource());
        admitted("tcp:192.0.2.2");
        assertEquals(3, slots.inProgress());
    }

    @Test
    void admit_beyondTheMax_isRefusedPoolFull_untilASlotIsGivenBack() {
        List<HandshakeSlots.Slot> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(admitted("bt:AA:BB:CC:DD:EE:0" + i));
        }
        assertEquals(
                HandshakeSlots.Refusal.POOL_FULL,
                refused("bt:AA:BB:CC:DD:EE:09").why());
        held.get(0).close();
        admitted("bt:AA:BB:CC:DD:EE:09");
        assertEquals(4, slots.inProgress());
    }

    @Test
    void close_twice_givesBackOneSlot() {
        HandshakeSlots.Slot a = admitted("tcp:192.0.2.1");
        admitted("tcp:192.0.2.1");
        a.close();
        a.close();
        assertEquals(1, slots.inProgress());
        admitted("tcp:192.0.2.1");
        assertEquals(
                HandshakeSlots.Refusal.SOURCE_BUSY,
                refused("tcp:192.0.2.1").why(),
                "a second close did not free a slot the source does not hold");
    }

    @Test
    void create_withoutRoom_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeSlots(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeSlots(8, 0));
    }

    @Test
    void peerSource_tcpPeerIsItsAddressWithoutPort_bluetoothPeerIsTheDevice() {
        assertEquals("tcp:192.0.2.1", PeerSource.of("tcp:192.0.2.1:50322"));
        assertEquals("tcp:0:0:0:0:0:0:0:1", PeerSource.of("tcp:0:0:0:0:0:0:0:1:50322"));
        assertEquals("bt:AA:BB:CC:DD:EE:FF", PeerSource.of("bt:AA:BB:CC:DD:EE:FF"));
        assertEquals("unknown", PeerSource.of(null));
    }
}
