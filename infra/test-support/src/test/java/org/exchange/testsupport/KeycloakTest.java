package org.exchange.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakTest {

    @Test
    void aUserOfThisRunIsNotALeftoverButOneOfAnExitedRunIs() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(Keycloak.createdByARunningProcess("sys-buyer-p" + ProcessHandle.current().pid() + "-0a1b2c3d")).isTrue();
        assertThat(Keycloak.createdByARunningProcess("sys-buyer-p" + exited.pid() + "-0a1b2c3d")).isFalse();
        assertThat(Keycloak.createdByARunningProcess("sys-buyer-0a1b2c3d")).as("named before the pid was").isFalse();
    }
}
