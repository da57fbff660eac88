package io.tfmesh.emulator.introspect;

import java.util.List;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class ProcessFaultsTest {

	@Test
	void buildsTheControlNodesSeedDescription() {
		assertThat(ProcessFaults.controlNoBgpConfig()).isEqualTo("No BGP configuration for self");
	}

	@Test
	void buildsTheVrouterAgentsSeedDescription() {
		List<ConnectionInfo> connections = List.of(ProcessFaults.xmpp("10.177.192.154", "Down"),
				ProcessFaults.collector("10.177.192.154"));

		assertThat(ProcessFaults.vrouterAgentNoSelfConfig(connections))
			.isEqualTo("XMPP:control-node:10.177.192.154 connection down, No Configuration for self");
	}

	@Test
	void listsEveryConnectionThatIsNotUp() {
		List<ConnectionInfo> connections = List.of(ProcessFaults.xmpp("10.0.0.1", "Down"),
				ProcessFaults.xmpp("10.0.0.2", "Up"), ProcessFaults.xmpp("10.0.0.3", "Initializing"));

		assertThat(ProcessFaults.connectionsDown(connections))
			.isEqualTo("XMPP:control-node:10.0.0.1, XMPP:control-node:10.0.0.3 connection down");
	}

	@Test
	void saysNothingWhenAllConnectionsAreUp() {
		List<ConnectionInfo> connections = List.of(ProcessFaults.xmpp("10.0.0.1", "Up"),
				ProcessFaults.collector("10.0.0.1"));

		assertThat(ProcessFaults.connectionsDown(connections)).isEmpty();
		assertThat(ProcessFaults.vrouterAgentNoSelfConfig(connections)).isEqualTo("No Configuration for self");
	}

	@Test
	void namesTheXmppSessionAfterTheControlNode() {
		assertThat(ProcessFaults.xmpp("10.0.0.1", "Up"))
			.isEqualTo(new ConnectionInfo("XMPP", "control-node:10.0.0.1", List.of("10.0.0.1:5269"), "Up", null));
		assertThat(ProcessFaults.collector("10.0.0.1"))
			.isEqualTo(new ConnectionInfo("Collector", "", List.of("10.0.0.1:8086"), "Up", "Established"));
	}

}
