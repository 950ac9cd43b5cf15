package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    /** The OS may report the same ephemeral port twice while nothing is bound: each clash is probed again. */
    @Test
    void replicaPortsAreDistinctAndAvoidTheGatewayPort() throws Exception {
        Iterator<Integer> os = List.of(40889, 40889, 41000, 40889, 41000, 41001).iterator();
        assertThat(FreePorts.allocate(2, Set.of(41000), os::next)).containsExactly(40889, 41001);
    }

    @Test
    void aProbeThatNeverChangesGivesUp() {
        assertThatThrownBy(() -> FreePorts.allocate(1, Set.of(5), () -> 5))
                .isInstanceOf(IOException.class).hasMessageContaining("no free loopback port");
    }

    @Test
    void realProbesGiveDistinctPorts() throws Exception {
        int gateway = FreePorts.allocate();
        assertThat(FreePorts.allocate(3, Set.of(gateway))).doesNotHaveDuplicates().doesNotContain(gateway);
    }
}
