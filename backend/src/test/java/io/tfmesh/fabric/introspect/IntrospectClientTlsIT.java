package io.tfmesh.fabric.introspect;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectCertificates;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.fabric.ClusterAccess.Introspect;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Introspect served only over HTTPS with client certificates, as {@code INTROSPECT_SSL_ENABLE}
 * makes it, and contrail-status's fallback to the other scheme (its {@code IntrospectUtil._load}).
 */
class IntrospectClientTlsIT {

	private static final String NODE = LoopbackNetworks.reserve() + ".98.1";

	private static final IntrospectCertificates CLUSTER = IntrospectCertificates.create("cluster", List.of(NODE));

	private final IntrospectClient client = new IntrospectClient(FabricSettings.defaults());

	private IntrospectEmulator emulator;

	@BeforeEach
	void startNode() {
		emulator = IntrospectEmulator.start(NODE, "tls-node",
				List.of(SandeshProcess.CONTROL, SandeshProcess.CONFIG_API));
	}

	@AfterEach
	void stopNode() {
		emulator.close();
	}

	@Test
	void theClusterCertificatesReadIntrospectServedOnlyOverHttps() {
		emulator.tls(CLUSTER.serverContext());

		NodeStatus status = client.nodeStatus(NODE, 8083, certificatesOf(CLUSTER));

		assertThat(status.processStatus()).extracting(ProcessStatus::state).containsExactly("Functional");
	}

	@Test
	void withoutCertificatesNeitherSchemeGetsAnAnswer() {
		emulator.tls(CLUSTER.serverContext());

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> client.nodeStatus(NODE, 8083))
			.satisfies(ex -> {
				assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
				assertThat(ex.getMessage()).contains("http://" + NODE + ":8083", "https://" + NODE + ":8083");
			});
	}

	@Test
	void aClientCertificateOfAnotherCaIsRefused() {
		emulator.tls(CLUSTER.serverContext());
		IntrospectCertificates other = IntrospectCertificates.create("other", List.of(NODE));

		assertThatExceptionOfType(FabricException.class)
			.isThrownBy(() -> client.nodeStatus(NODE, 8083, certificatesOf(other)))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE));
		// the right client certificate, but a CA that did not sign the server's
		Introspect wrongCa = new Introspect(other.caCertificatePem(), CLUSTER.clientCertificatePem(),
				CLUSTER.clientKeyPem());
		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> client.nodeStatus(NODE, 8083, wrongCa))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE));
	}

	@Test
	void certificatesFallBackToPlainHttpOnAPlainNode() {
		NodeStatus status = client.nodeStatus(NODE, 8083, certificatesOf(CLUSTER));

		assertThat(status.name()).isEqualTo("tls-node");
	}

	@Test
	void configApiWorkersAreListedWithTheirPorts() {
		emulator.configApiWorkers(3);
		emulator.tls(CLUSTER.serverContext());

		List<ConfigApiWorker> workers = client.configApiWorkers(NODE, 8084, certificatesOf(CLUSTER));

		// tf-container-builder's containers/controller/config/api/entrypoint.sh: 10000 + 8084 + index
		assertThat(workers).containsExactly(new ConfigApiWorker(0, 8084), new ConfigApiWorker(1, 18084),
				new ConfigApiWorker(2, 18085));
		assertThat(client.nodeStatus(NODE, 18085, certificatesOf(CLUSTER)).processStatus()).hasSize(1);
	}

	private static Introspect certificatesOf(IntrospectCertificates certificates) {
		return new Introspect(certificates.caCertificatePem(), certificates.clientCertificatePem(),
				certificates.clientKeyPem());
	}

}
