package io.tfmesh.fabric.introspect;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The client against the sandbox's introspect emulator, over real HTTP on a loopback address. */
class IntrospectClientIT {

	private static final String NODE = LoopbackNetworks.reserve() + ".99.1";

	private static final String CONTROL_IP = "10.177.192.154";

	private final IntrospectClient client = new IntrospectClient(FabricSettings.defaults());

	private IntrospectEmulator emulator;

	@BeforeEach
	void startNode() {
		emulator = IntrospectEmulator.start(NODE, "k8s-master", List.of(SandeshProcess.CONTROL,
				SandeshProcess.CONTROL_NODEMGR, SandeshProcess.VROUTER_AGENT, SandeshProcess.KUBE_MANAGER),
				List.of(CONTROL_IP));
	}

	@AfterEach
	void stopNode() {
		emulator.close();
	}

	@Test
	void aHealthyProcessIsActive() {
		NodeStatus status = client.nodeStatus(NODE, 8083);

		assertThat(status.name()).isEqualTo("k8s-master");
		ProcessStatus process = status.processStatus().get(0);
		assertThat(process.moduleId()).isEqualTo("contrail-control");
		assertThat(process.connections()).extracting(ConnectionInfo::type, ConnectionInfo::status)
			.containsExactly(tuple("IFMap", "Up"), tuple("Collector", "Up"));
		assertThat(ContrailStatusMapping.of(TfService.CONTROL, status).line()).isEqualTo("control: active");
	}

	@Test
	void eachProcessAnswersOnItsOwnPort() {
		assertThat(client.nodeStatus(NODE, 8101).processStatus().get(0).moduleId())
			.isEqualTo("contrail-control-nodemgr");
		assertThat(client.nodeStatus(NODE, 8085).processStatus().get(0).moduleId())
			.isEqualTo("contrail-vrouter-agent");
		assertThat(client.nodeStatus(NODE, 8108).processStatus().get(0).moduleId())
			.isEqualTo("contrail-kube-manager");
	}

	@Test
	void aControlNodeWithoutBgpConfigurationIsInitializing() {
		emulator.controlWithoutBgpConfig();

		ServiceStatus status = ContrailStatusMapping.of(TfService.CONTROL, client.nodeStatus(NODE, 8083));

		assertThat(status.line()).isEqualTo("control: initializing (No BGP configuration for self)");
	}

	@Test
	void aVrouterAgentCutOffFromItsControlNodeReadsAsInTheField() {
		emulator.vrouterAgentWithoutSelfConfig();

		NodeStatus status = client.nodeStatus(NODE, 8085);

		assertThat(ContrailStatusMapping.of(TfService.VROUTER_AGENT, status).line()).isEqualTo(
				"agent: initializing (XMPP:control-node:10.177.192.154 connection down, No Configuration for self)");
		assertThat(status.processStatus().get(0).connections()).contains(new ConnectionInfo("XMPP",
				"control-node:10.177.192.154", List.of("10.177.192.154:5269"), "Down", null));
	}

	@Test
	void aFaultClearsWhenTheProcessIsHealthyAgain() {
		emulator.controlWithoutBgpConfig();
		emulator.healthy(SandeshProcess.CONTROL);

		assertThat(ContrailStatusMapping.of(TfService.CONTROL, client.nodeStatus(NODE, 8083)).line())
			.isEqualTo("control: active");
	}

	@Test
	void aNodeThatIsDownIsUnreachable() {
		emulator.down(true);

		FabricException control = unreachable(8083);
		FabricException kubeManager = unreachable(8108);

		assertThat(ContrailStatusMapping.ofFailure(TfService.CONTROL, control).line())
			.isEqualTo("control: unknown (introspect unreachable)");
		assertThat(ContrailStatusMapping.ofFailure(TfService.KUBE_MANAGER, kubeManager).line())
			.isEqualTo("kube-manager: backup");

		emulator.down(false);

		assertThat(client.nodeStatus(NODE, 8108).processStatus()).hasSize(1);
	}

	@Test
	void aSlowProcessTimesOut() {
		IntrospectClient impatient = new IntrospectClient(new FabricSettings(Duration.ofSeconds(1),
				Duration.ofMillis(200), 0, Duration.ofSeconds(5), Duration.ZERO));
		emulator.latency(Duration.ofSeconds(3));

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> impatient.nodeStatus(NODE, 8083))
			.satisfies(ex -> {
				assertThat(ex.source()).isEqualTo("introspect");
				assertThat(ex.kind()).isEqualTo(Kind.TIMEOUT);
				assertThat(ContrailStatusMapping.ofFailure(TfService.CONTROL, ex).line())
					.isEqualTo("control: timeout");
			});

		emulator.latency(Duration.ZERO);

		assertThat(impatient.nodeStatus(NODE, 8083).processStatus()).hasSize(1);
	}

	@Test
	void writesIpv6HostsInBrackets() {
		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> client.nodeStatus("::1", 1))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE))
			.withMessageContaining("http://[::1]:1/Snh_SandeshUVECacheReq?x=NodeStatus");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "404 | not found | NOT_FOUND", "500 | boom | SERVER_ERROR",
			"503 | busy | SERVER_ERROR", "200 | <html><body>introspect</body> | INVALID_RESPONSE" })
	void reportsHttpErrorsAndUnreadableAnswers(int status, String body, Kind kind) throws IOException {
		HttpServer server = answering(status, body);
		try {
			int port = server.getAddress().getPort();

			assertThatExceptionOfType(FabricException.class).isThrownBy(() -> client.nodeStatus("127.0.0.1", port))
				.satisfies(ex -> {
					assertThat(ex.kind()).isEqualTo(kind);
					assertThat(ex.status()).isEqualTo(kind == Kind.INVALID_RESPONSE ? 0 : status);
				});
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void anAnswerWithoutProcessStatusMeansInitializing() throws IOException {
		HttpServer server = answering(200, "<__NodeStatusUVE_list type=\"slist\"></__NodeStatusUVE_list>");
		try {
			NodeStatus status = client.nodeStatus("127.0.0.1", server.getAddress().getPort());

			assertThat(status.processStatus()).isEmpty();
			assertThat(ContrailStatusMapping.of(TfService.KUBE_MANAGER, status).line())
				.isEqualTo("kube-manager: initializing");
		}
		finally {
			server.stop(0);
		}
	}

	private FabricException unreachable(int port) {
		try {
			client.nodeStatus(NODE, port);
		}
		catch (FabricException ex) {
			assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
			return ex;
		}
		throw new AssertionError("port " + port + " answered while the node is down");
	}

	private static HttpServer answering(int status, String body) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		return server;
	}

}
