package dev.nautilus.bus.redis.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ClientConnectionsTest {

    @Test
    void engineIsThePartBetweenThePrefixAndTheBusAndRole() {
        assertThat(ClientConnections.engineOf("nautilus:risk:engine_logic:reader"))
                .isEqualTo("risk");
        assertThat(ClientConnections.engineOf("nautilus:monitor:main:monitor")).isEqualTo("monitor");
        assertThat(ClientConnections.engineOf("nautilus:ml:v2:marketdata:cmd")).isEqualTo("ml:v2");
    }

    @Test
    void roleIsTheLastPartOfANautilusName() {
        assertThat(ClientConnections.roleOf("nautilus:risk:engine_logic:layout"))
                .isEqualTo("layout");
        assertThat(ClientConnections.roleOf("nautilus:ml:v2:marketdata:cmd")).isEqualTo("cmd");
        assertThat(ClientConnections.roleOf("nautilus:risk:reader")).isEmpty();
        assertThat(ClientConnections.roleOf(null)).isEmpty();
    }

    @Test
    void namesThatAreNotNautilusNamesAreUnnamed() {
        assertThat(ClientConnections.engineOf(null)).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("")).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("celery-worker")).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("nautilus:risk")).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("nautilus:risk:reader")).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("nautilus::bus:role")).isEqualTo("unnamed");
        assertThat(ClientConnections.engineOf("nautilus:risk:bus:")).isEqualTo("unnamed");
    }

    @Test
    void countsConnectionsOfACapturedClientListByEngine() {
        // Redis 7.0 CLIENT LIST, shortened to the fields that matter plus a few around them.
        String clientList = """
                id=3 addr=127.0.0.1:50430 laddr=127.0.0.1:6381 fd=8 name=nautilus:risk:engine_logic:reader age=9 idle=0 flags=b db=0 cmd=xreadgroup user=default resp=3\r
                id=4 addr=127.0.0.1:50432 laddr=127.0.0.1:6381 fd=9 name=nautilus:risk:engine_logic:cmd age=9 idle=1 flags=N db=0 cmd=xadd user=default resp=3\r
                id=5 addr=127.0.0.1:50434 laddr=127.0.0.1:6381 fd=10 name=nautilus:portfolio:engine_logic:reader age=8 idle=0 flags=b db=0 cmd=xreadgroup user=default resp=3\r
                id=6 addr=127.0.0.1:50436 laddr=127.0.0.1:6381 fd=11 name= age=3 idle=3 flags=N db=0 cmd=get user=default resp=2\r
                id=7 addr=127.0.0.1:50438 laddr=127.0.0.1:6381 fd=12 name=legacy-backoffice age=3 idle=3 flags=N db=0 cmd=get user=default resp=2\r
                \r
                not a client line
                """;

        assertThat(ClientConnections.countByEngine(clientList))
                .containsExactly(entry("portfolio", 1), entry("risk", 2), entry("unnamed", 2));
        assertThat(ClientConnections.countByEngine(
                        clientList, name -> !"reader".equals(ClientConnections.roleOf(name))))
                .containsExactly(entry("risk", 1), entry("unnamed", 2));
        assertThat(ClientConnections.countByEngine(null)).isEmpty();
        assertThat(ClientConnections.countByEngine("")).isEmpty();
    }
}
