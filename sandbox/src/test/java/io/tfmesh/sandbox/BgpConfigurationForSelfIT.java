package io.tfmesh.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.ProcessStatus;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two causes of a control node's "No BGP configuration for self" (TFC
 * {@code src/control-node/control_node.cc}, reference §7.6): no bgp-router named after its
 * hostname, which creating one heals over IFMap and a restart does not; and a stale
 * subscription, which a restart of the control pod heals. And an agent's "No Configuration for
 * self" while no virtual-router is named after its node's hostname.
 */
class BgpConfigurationForSelfIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NO_BGP_CONFIG = "No BGP configuration for self";

	@TempDir
	Path dataDir;

	private final SandboxSettings settings = new SandboxSettings(0, LoopbackNetworks.reserve(), false);

	@Test
	void withoutABgpRouterForItsHostnameControlWaitsForOneAndARestartDoesNotHelp() throws Exception {
		SeedCluster awsEast = SeedStory.clusters().get(0);
		try (EmulatedCluster cluster = EmulatedCluster.start(awsEast, settings, dataDir, JSON)) {
			assertThat(control(cluster, awsEast).state()).isEqualTo(ProcessStatus.FUNCTIONAL);

			cluster.deleteBgpRouter();
			assertThat(control(cluster, awsEast).state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);
			assertThat(control(cluster, awsEast).description()).isEqualTo(NO_BGP_CONFIG);
			ProcessStatus agent = cluster.nodes().get(awsEast.workerName()).process(SandeshProcess.VROUTER_AGENT);
			assertThat(agent.description()).isEqualTo("XMPP:control-node:" + awsEast.masterAddress(settings)
					+ " connection down, No Configuration for self");
			assertThat(cluster.controlStuck()).isTrue();

			// a hand-set state goes with the old pod, so its going shows the restart was handled
			cluster.processState(awsEast.masterName(), "control", "control", ProcessStatus.NON_FUNCTIONAL, "marker");
			String pod = EmulatedClusterIT.pod(cluster, "contrail-controller-control");
			EmulatedClusterIT.delete(cluster, pod);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> control(cluster, awsEast).description().equals(NO_BGP_CONFIG));
			assertThat(EmulatedClusterIT.pod(cluster, "contrail-controller-control")).isNotEqualTo(pod);
			assertThat(control(cluster, awsEast).state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);

			HttpResponse<String> created = post(cluster.tungstenFabric().url() + "/bgp-routers",
					"{\"bgp-router\": {\"parent_type\": \"routing-instance\", \"fq_name\": [\"default-domain\","
							+ " \"default-project\", \"ip-fabric\", \"__default__\", \"" + awsEast.masterName() + "\"],"
							+ " \"bgp_router_parameters\": {\"router_type\": \"control-node\", \"address\": \""
							+ awsEast.masterAddress(settings) + "\", \"identifier\": \""
							+ awsEast.masterAddress(settings) + "\", \"autonomous_system\": 64512}}}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ProcessStatus.FUNCTIONAL.equals(control(cluster, awsEast).state()));
			assertThat(cluster.nodes().get(awsEast.workerName()).process(SandeshProcess.VROUTER_AGENT).state())
				.isEqualTo(ProcessStatus.FUNCTIONAL);
			assertThat(cluster.controlStuck()).isFalse();
		}
	}

	@Test
	void gcpWestHasItsBgpRouterButAStaleSubscriptionThatARestartHeals() throws Exception {
		SeedCluster gcpWest = SeedStory.clusters().get(1);
		try (EmulatedCluster cluster = EmulatedCluster.start(gcpWest, settings, dataDir, JSON)) {
			assertThat(control(cluster, gcpWest).description()).isEqualTo(NO_BGP_CONFIG);
			HttpResponse<String> found = post(cluster.tungstenFabric().url() + "/fqname-to-id",
					"{\"type\": \"bgp-router\", \"fq_name\": " + JSON.writeValueAsString(List.of("default-domain",
							"default-project", "ip-fabric", "__default__", gcpWest.masterName())) + "}");
			assertThat(found.statusCode()).as("the bgp-router exists").isEqualTo(200);
			JsonNode routers = JSON.readTree(HTTP.send(HttpRequest
				.newBuilder(URI.create(cluster.tungstenFabric().url() + "/virtual-routers"))
				.build(), HttpResponse.BodyHandlers.ofString()).body()).path("virtual-routers");
			assertThat(routers.toString()).contains(gcpWest.masterName()).contains(gcpWest.workerName());

			EmulatedClusterIT.delete(cluster, EmulatedClusterIT.pod(cluster, "contrail-controller-control"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ProcessStatus.FUNCTIONAL.equals(control(cluster, gcpWest).state()));
			assertThat(cluster.controlStuck()).isFalse();
		}
	}

	@Test
	void anAgentWithoutAVirtualRouterForItsHostnameHasNoConfigurationForItselfUntilOneIsCreated() throws Exception {
		SeedCluster awsEast = SeedStory.clusters().get(0);
		try (EmulatedCluster cluster = EmulatedCluster.start(awsEast, settings, dataDir, JSON)) {
			String tf = cluster.tungstenFabric().url();
			List<String> name = List.of("default-global-system-config", awsEast.workerName());
			String uuid = JSON.readTree(post(tf + "/fqname-to-id", "{\"type\": \"virtual-router\", \"fq_name\": "
					+ JSON.writeValueAsString(name) + "}").body()).path("uuid").asString();
			HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(tf + "/virtual-router/" + uuid))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);

			ProcessStatus agent = cluster.nodes().get(awsEast.workerName()).process(SandeshProcess.VROUTER_AGENT);
			assertThat(agent.state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);
			assertThat(agent.description()).isEqualTo("No Configuration for self");
			assertThat(cluster.nodes().get(awsEast.masterName()).process(SandeshProcess.VROUTER_AGENT).state())
				.isEqualTo(ProcessStatus.FUNCTIONAL);
			assertThat(control(cluster, awsEast).state()).isEqualTo(ProcessStatus.FUNCTIONAL);

			HttpResponse<String> created = post(tf + "/virtual-routers", "{\"virtual-router\": {\"parent_type\":"
					+ " \"global-system-config\", \"fq_name\": " + JSON.writeValueAsString(name)
					+ ", \"virtual_router_ip_address\": \"" + awsEast.workerAddress(settings) + "\"}}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
			assertThat(cluster.nodes().get(awsEast.workerName()).process(SandeshProcess.VROUTER_AGENT).state())
				.isEqualTo(ProcessStatus.FUNCTIONAL);
		}
	}

	private static ProcessStatus control(EmulatedCluster cluster, SeedCluster seed) {
		return cluster.nodes().get(seed.masterName()).process(SandeshProcess.CONTROL);
	}

	private static HttpResponse<String> post(String url, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
