package io.tfmesh.emulator.introspect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tfmesh.emulator.LoopbackNetworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The emulator as any HTTP client sees it, on a loopback address of its own. */
class IntrospectEmulatorIT {

	private static final String NODE = LoopbackNetworks.reserve() + ".99.2";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private IntrospectEmulator emulator;

	@AfterEach
	void stopNode() {
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void answersInTheShapeOfSandesh() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONTROL));

		HttpResponse<String> response = get(8083, "/Snh_SandeshUVECacheReq?x=NodeStatus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
			.startsWith("<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>"
					+ "<__NodeStatusUVE_list type=\"slist\"><NodeStatusUVE type=\"sandesh\">"
					+ "<data type=\"struct\" identifier=\"1\"><NodeStatus>"
					+ "<name type=\"string\" identifier=\"1\" key=\"ObjectBgpRouter\">node-a</name>"
					+ "<process_status type=\"list\" identifier=\"4\" aggtype=\"union\"><list type=\"struct\" size=\"1\">"
					+ "<ProcessStatus><module_id type=\"string\" identifier=\"1\">contrail-control</module_id>"
					+ "<instance_id type=\"string\" identifier=\"2\">0</instance_id>"
					+ "<state type=\"string\" identifier=\"3\">Functional</state>"
					+ "<connection_infos type=\"list\" identifier=\"4\"><list type=\"struct\" size=\"2\">"
					+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">IFMap</type>")
			.contains("<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
					+ "<element>" + NODE + ":8086</element></list></server_addrs>")
			.endsWith("<SandeshUVECacheResp type=\"sandesh\"><returned type=\"u32\" identifier=\"1\">1</returned>"
					+ "<more type=\"bool\" identifier=\"0\">false</more></SandeshUVECacheResp></__NodeStatusUVE_list>");
	}

	@Test
	void listsTheConfigApiWorkersAndServesEachOnItsPort() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONFIG_API));
		emulator.configApiWorkers(2);
		emulator.configApiWorker(1, ProcessStatus.NON_FUNCTIONAL, "Zookeeper:Zookeeper connection down");

		HttpResponse<String> workers = get(8084, "/Snh_SandeshUVECacheReq?x=ConfigApiWorker");

		// tf-controller's src/config/uve/config_api_worker.sandesh, filled as api_server.py fills it
		assertThat(workers.body()).contains("<__ConfigApiWorkerTrace_list type=\"slist\"><ConfigApiWorkerTrace type=\"sandesh\">"
				+ "<data type=\"struct\" identifier=\"1\"><ConfigApiWorker>"
				+ "<name type=\"string\" identifier=\"1\" key=\"none\">worker-0</name>"
				+ "<worker_id type=\"string\" identifier=\"2\">0</worker_id>"
				+ "<introspect_port type=\"string\" identifier=\"3\">8084</introspect_port>")
			.contains("<introspect_port type=\"string\" identifier=\"3\">18084</introspect_port>"
					+ "<admin_port type=\"string\" identifier=\"4\">28095</admin_port>"
					+ "<introspect_url type=\"string\" identifier=\"5\">http://" + NODE + ":18084</introspect_url>");
		assertThat(get(18084, "/Snh_SandeshUVECacheReq?x=NodeStatus").body())
			.contains("<state type=\"string\" identifier=\"3\">Non-Functional</state>");
		assertThat(moduleAt(8084)).isEqualTo("contrail-api");

		emulator.configApiWorkers(1);
		assertThat(refuses(18084)).isTrue();
	}

	@Test
	void overTlsAPlainClientGetsNoAnswer() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONTROL));
		emulator.tls(IntrospectCertificates.create("test", List.of(NODE)).serverContext());

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(8083, "/Snh_SandeshUVECacheReq?x=NodeStatus"));
	}

	@Test
	void servesEachProcessAtItsRealPort() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a",
				List.of(SandeshProcess.CONTROL, SandeshProcess.CONTROL_NODEMGR, SandeshProcess.CONTROL_DNS));

		assertThat(moduleAt(8083)).isEqualTo("contrail-control");
		assertThat(moduleAt(8101)).isEqualTo("contrail-control-nodemgr");
		assertThat(moduleAt(8092)).isEqualTo("contrail-dns");
	}

	@Test
	void reportsTheStateSetForAProcess() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.KUBE_MANAGER));
		List<ConnectionInfo> connections = List
			.of(new ConnectionInfo("ApiServer", "ApiServer", List.of("10.0.0.1:8082"), "Down", "refused <&>"));

		emulator.state(SandeshProcess.KUBE_MANAGER, "Non-Functional", "ApiServer:ApiServer connection down");
		emulator.connections(SandeshProcess.KUBE_MANAGER, connections);

		ProcessStatus expected = new ProcessStatus("contrail-kube-manager", "0", "Non-Functional",
				"ApiServer:ApiServer connection down", connections);
		assertThat(nodeStatusAt(8108)).containsExactly(expected);
		assertThat(emulator.process(SandeshProcess.KUBE_MANAGER)).isEqualTo(expected);
	}

	@Test
	void refusesOtherRequests() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONTROL));

		assertThat(get(8083, "/Snh_SandeshUVECacheReq?x=BgpRouterState").statusCode()).isEqualTo(404);
		assertThat(get(8083, "/Snh_ShowRouteReq").statusCode()).isEqualTo(404);
		HttpResponse<Void> post = http.send(
				HttpRequest.newBuilder(uri(8083, "/Snh_SandeshUVECacheReq?x=NodeStatus"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(post.statusCode()).isEqualTo(405);
	}

	@Test
	void goesDownAndComesBackOnTheSamePorts() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.VROUTER_AGENT));

		emulator.down(true);

		assertThat(emulator.isDown()).isTrue();
		assertThat(refuses(8085)).isTrue();

		emulator.down(false);

		assertThat(moduleAt(8085)).isEqualTo("contrail-vrouter-agent");
	}

	@Test
	void saysWhichPortIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getByName(NODE), 8102));

			assertThatIllegalStateException()
				.isThrownBy(() -> IntrospectEmulator.start(NODE, "node-a",
						List.of(SandeshProcess.VROUTER_AGENT, SandeshProcess.VROUTER_NODEMGR)))
				.withMessageContaining(NODE + ":8102 is already in use");
		}
		// the ports opened before the failure were given back
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.VROUTER_AGENT));
	}

	@Test
	void refusesANameForAnAddress() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IntrospectEmulator.start("node-a.local", "node-a", List.of(SandeshProcess.CONTROL)))
			.withMessageContaining("not an IP address");
	}

	@Test
	void refusesToSetAProcessItDoesNotEmulate() {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONTROL));

		assertThatIllegalArgumentException().isThrownBy(() -> emulator.healthy(SandeshProcess.VROUTER_AGENT))
			.withMessageContaining("vrouter/agent is not emulated on " + NODE);
	}

	@Test
	void keepsEachAnswerWholeWhileTheStateChanges() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "node-a", List.of(SandeshProcess.CONTROL));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<ProcessStatus>>> reads = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				if (i % 2 == 0) {
					emulator.controlWithoutBgpConfig();
				}
				else {
					emulator.healthy(SandeshProcess.CONTROL);
				}
				reads.add(pool.submit(() -> nodeStatusAt(8083)));
			}
			for (Future<List<ProcessStatus>> read : reads) {
				ProcessStatus process = read.get().get(0);
				assertThat(List.of(process.state(), String.valueOf(process.description()))).isIn(
						List.of("Functional", "null"), List.of("Non-Functional", "No BGP configuration for self"));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private boolean refuses(int port) throws InterruptedException {
		try {
			get(port, "/Snh_SandeshUVECacheReq?x=NodeStatus");
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private String moduleAt(int port) throws Exception {
		return nodeStatusAt(port).get(0).moduleId();
	}

	private List<ProcessStatus> nodeStatusAt(int port) throws Exception {
		HttpResponse<String> response = get(port, "/Snh_SandeshUVECacheReq?x=NodeStatus");
		assertThat(response.statusCode()).isEqualTo(200);
		return NodeStatusDocument.processes(response.body());
	}

	private HttpResponse<String> get(int port, String pathAndQuery) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(port, pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String pathAndQuery) {
		return URI.create("http://" + NODE + ":" + port + pathAndQuery);
	}

}
