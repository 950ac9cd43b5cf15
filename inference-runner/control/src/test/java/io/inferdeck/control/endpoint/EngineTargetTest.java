package io.inferdeck.control.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineTargetTest {

    @Test
    void subscribersSeeCurrentValueThenOnlyChanges() throws Exception {
        EngineTarget target = new EngineTarget();
        List<Optional<EngineEndpoint>> seen = new ArrayList<>();
        AutoCloseable handle = target.subscribe(seen::add);
        EngineEndpoint a = EngineEndpoint.of("http://127.0.0.1:18080");
        target.set(a);
        target.set(a);
        target.clear();
        handle.close();
        target.set(a);
        assertThat(seen).containsExactly(Optional.empty(), Optional.of(a), Optional.empty());
        assertThat(target.current()).contains(a);
    }

    @Test
    void endpointResolvesPathsAndHidesTheKey() {
        EngineEndpoint e = new EngineEndpoint(java.net.URI.create("http://127.0.0.1:9/"), "sekret", "builtin");
        assertThat(e.resolve("/v1/models").toString()).isEqualTo("http://127.0.0.1:9/v1/models");
        assertThat(e.toString()).doesNotContain("sekret").contains("key set");
        assertThat(e.key()).contains("sekret");
        assertThat(EngineEndpoint.of("http://h:1").key()).isEmpty();
    }
}
