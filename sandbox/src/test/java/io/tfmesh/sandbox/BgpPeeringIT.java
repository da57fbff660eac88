package io.tfmesh.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.BgpNeighbor;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox's control nodes peer as their TF configurations say: each lists the bgp-routers
 * its configuration peers it with (as tfmesh's peering steps and tf-controller's
 * {@code provision_bgp.py} make them), and a session is Established only when both sides are
 * configured and both control nodes have BGP configuration for themselves.
 */
class BgpPeeringIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private final SandboxSettings settings = new SandboxSettings(0, LoopbackNetworks.reserve(), false);

	@Test
	void theControlNodesPeerOnceBothConfigurationsSaySo() throws Exception {
		SeedCluster awsEast = SeedStory.clusters().get(0);
		SeedCluster gcpWest = SeedStory.clusters().get(1);
		try (EmulatedCluster aws = EmulatedCluster.start(awsEast, settings, dataDir.resolve("a"), JSON);
				EmulatedCluster gcp = EmulatedCluster.start(gcpWest, settings, dataDir.resolve("g"), JSON)) {
			List<EmulatedCluster> both = List.of(aws, gcp);
			both.forEach(cluster -> cluster.others(both));
			// the seed's configurations do not peer them
			assertThat(neighbors(aws)).isEmpty();
			assertThat(neighbors(gcp)).isEmpty();

			peer(aws, awsEast, gcpWest, 64513);
			// gcp-west's configuration does not peer back: aws-east keeps connecting and is refused
			assertThat(state(aws, gcpWest.masterName())).hasValue("Active");
			assertThat(neighbors(gcp)).isEmpty();

			peer(gcp, gcpWest, awsEast, 64512);
			// gcp-west's control node is stuck without BGP configuration for itself, as seeded
			assertThat(state(gcp, awsEast.masterName())).hasValue("Idle");
			assertThat(state(aws, gcpWest.masterName())).hasValue("Active");
			BgpNeighbor seen = neighbor(aws, gcpWest.masterName()).orElseThrow();
			assertThat(seen.peerAddress()).isEqualTo(gcpWest.masterAddress(settings));
			assertThat(seen.peerAsn()).isEqualTo(64513);
			assertThat(seen.routerType()).isEqualTo("external-control-node");

			EmulatedClusterIT.delete(gcp, EmulatedClusterIT.pod(gcp, "contrail-controller-control"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> state(gcp, awsEast.masterName()).equals(Optional.of(BgpNeighbor.ESTABLISHED)));
			assertThat(state(aws, gcpWest.masterName())).hasValue(BgpNeighbor.ESTABLISHED);

			aws.bgpPeerState(gcpWest.masterName(), "OpenSent");
			assertThat(state(aws, gcpWest.masterName())).hasValue("OpenSent");
			aws.bgpPeerState(gcpWest.masterName(), null);
			assertThat(state(aws, gcpWest.masterName())).hasValue(BgpNeighbor.ESTABLISHED);
			assertThatIllegalArgumentException().isThrownBy(() -> aws.bgpPeerState(gcpWest.masterName(), "Up"));

			aws.reset();
			assertThat(neighbors(aws)).isEmpty();
			assertThat(state(gcp, awsEast.masterName())).hasValue("Active");
		}
	}

	/**
	 * A bgp-router of type external-control-node for the other cluster's control node, peered
	 * with this cluster's own, as {@code provision_bgp.py add_bgp_router} writes it.
	 */
	private void peer(EmulatedCluster cluster, SeedCluster self, SeedCluster other, long otherAsn) throws Exception {
		String instance = "\"default-domain\", \"default-project\", \"ip-fabric\", \"__default__\"";
		String families = "{\"family\": [\"route-target\", \"inet-vpn\", \"e-vpn\", \"inet6-vpn\"]}";
		HttpResponse<String> created = HTTP.send(HttpRequest
			.newBuilder(URI.create(cluster.tungstenFabric().url() + "/bgp-routers"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"bgp-router\": {\"parent_type\": \"routing-instance\", "
					+ "\"fq_name\": [" + instance + ", \"" + other.masterName() + "\"], \"bgp_router_parameters\": "
					+ "{\"router_type\": \"external-control-node\", \"vendor\": \"unknown\", \"address\": \""
					+ other.masterAddress(settings) + "\", \"identifier\": \"" + other.masterAddress(settings)
					+ "\", \"autonomous_system\": " + otherAsn + ", \"port\": 179, \"address_families\": " + families
					+ "}, \"bgp_router_refs\": [{\"to\": [" + instance + ", \"" + self.masterName() + "\"], "
					+ "\"attr\": {\"session\": [{\"attributes\": [{\"address_families\": " + families + "}]}]}}]}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
	}

	private static List<BgpNeighbor> neighbors(EmulatedCluster cluster) {
		return cluster.nodes().get(cluster.seed().masterName()).bgpNeighbors();
	}

	private static Optional<BgpNeighbor> neighbor(EmulatedCluster cluster, String peer) {
		return neighbors(cluster).stream().filter(n -> n.peer().equals(peer)).findFirst();
	}

	private static Optional<String> state(EmulatedCluster cluster, String peer) {
		return neighbor(cluster, peer).map(BgpNeighbor::state);
	}

}
