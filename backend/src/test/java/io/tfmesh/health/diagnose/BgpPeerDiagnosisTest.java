package io.tfmesh.health.diagnose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.health.ServedNeighbors;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bgp-peer-not-established} from records. The states are those of TFC
 * {@code src/bgp/state_machine.cc}; encoding and peer type as {@code src/bgp/bgp_peer.cc} fills them.
 */
class BgpPeerDiagnosisTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final String SOURCE = "introspect 10.20.0.10:8083/Snh_BgpNeighborReq";

	private static final String AWS_MASTER = "10.10.0.10";

	private static final MeshSpeakers MESH = MeshSpeakers.of("multicloud", Map.of(2L, "aws-east"),
			Map.of(2L, awsEast(true)), NOW);

	@Test
	void aPeerOfAnotherClusterThatIsNotEstablishedIsCritical() {
		List<Finding> findings = BgpPeerDiagnosis.of("gcp-west",
				List.of(known(peer("Idle"), xmpp("gcp-west-worker", "Established"))), MESH);

		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.code()).isEqualTo("bgp-peer-not-established");
			assertThat(finding.severity()).isEqualTo(Finding.CRITICAL);
			assertThat(finding.node()).isEqualTo("gcp-west-master");
			assertThat(finding.cause()).contains("gcp-west", "aws-east", "Idle", "aws-east-master", AWS_MASTER);
			assertThat(finding.evidence()).first().satisfies(evidence -> {
				assertThat(evidence.value()).startsWith("Idle");
				assertThat(evidence.source()).isEqualTo(SOURCE);
				assertThat(evidence.ageSeconds()).isEqualTo(5);
			});
			assertThat(finding.evidence()).extracting(Finding.Evidence::what)
				.contains("bgp-router aws-east-master of aws-east", "control node on aws-east-master of aws-east");
			assertThat(finding.fix()).isNotNull();
			assertThat(finding.fix().kind()).isEqualTo("check-bgp-peering");
			assertThat(finding.fix().description()).contains("both sides", "underlay", "179");
			assertThat(finding.fix().parameters()).containsEntry("peerCluster", "aws-east")
				.containsEntry("peerAddress", AWS_MASTER);
		});
	}

	@Test
	void anEstablishedPeerAnXmppChannelAndAPeerOutsideTheMeshAreNoFinding() {
		List<Finding> findings = BgpPeerDiagnosis.of("gcp-west", List.of(known(peer("Established"),
				xmpp("gcp-west-worker", "Idle"), router("mx-1", "192.0.2.1", "Active"))), MESH);

		assertThat(findings).isEmpty();
	}

	@Test
	void everyStateButEstablishedCounts() {
		for (String state : List.of("Idle", "Active", "Connect", "OpenSent", "OpenConfirm")) {
			assertThat(BgpPeerDiagnosis.of("gcp-west", List.of(known(peer(state))), MESH)).as(state).hasSize(1);
		}
	}

	@Test
	void aNeighborListThatWasNotReadIsUnknownNeverACause() {
		ServedNeighbors unread = new ServedNeighbors("gcp-west-master", SOURCE, NOW.minusSeconds(5), 5, false,
				"not read: http://10.20.0.10:8083/Snh_BgpNeighborReq?search_string= did not answer in time", List.of());

		assertThat(BgpPeerDiagnosis.of("gcp-west", List.of(unread), MESH)).singleElement().satisfies(finding -> {
			assertThat(finding.severity()).isEqualTo(Finding.UNKNOWN);
			assertThat(finding.cause()).contains("were not read", "did not answer in time", "aws-east", "multicloud");
			assertThat(finding.fix()).isNull();
			assertThat(finding.evidence()).singleElement().satisfies(e -> {
				assertThat(e.value()).isEqualTo("unknown");
				assertThat(e.source()).isEqualTo(SOURCE);
			});
		});
	}

	@Test
	void aClusterInNoMeshHasNoPeersToCheck() {
		assertThat(BgpPeerDiagnosis.of("gcp-west", List.of(known(peer("Idle"))), MeshSpeakers.none())).isEmpty();
	}

	@Test
	void aPeerThatMayBelongToAnUnreadMemberIsUnknown() {
		MeshSpeakers unread = MeshSpeakers.of("multicloud", Map.of(2L, "aws-east"), Map.of(2L, awsEast(false)), NOW);

		assertThat(unread.unread()).containsExactly("aws-east");
		assertThat(BgpPeerDiagnosis.of("gcp-west", List.of(known(peer("Idle"))), unread)).singleElement()
			.satisfies(finding -> {
				assertThat(finding.severity()).isEqualTo(Finding.UNKNOWN);
				assertThat(finding.cause()).contains("aws-east", "not read");
				assertThat(finding.fix()).isNull();
			});
	}

	private static ServedNeighbors known(BgpNeighbor... neighbors) {
		return new ServedNeighbors("gcp-west-master", SOURCE, NOW.minusSeconds(5), 5, true, null, List.of(neighbors));
	}

	private static BgpNeighbor peer(String state) {
		return new BgpNeighbor("aws-east-master", AWS_MASTER, 64513, "BGP", "external", state, "external-control-node",
				64512);
	}

	private static BgpNeighbor router(String name, String address, String state) {
		return new BgpNeighbor(name, address, 64600, "BGP", "external", state, "router", 64512);
	}

	private static BgpNeighbor xmpp(String agent, String state) {
		return new BgpNeighbor(agent, "10.20.0.11", 0, "XMPP", "internal", state, "", 0);
	}

	/** aws-east as its latest observation gives it; with {@code read} false its TF config and pods did not answer. */
	private static ObservedState awsEast(boolean read) {
		String status = read ? "ok" : "failed";
		List<SourceReading> sources = List.of(new SourceReading(Diagnoses.TF_SOURCE, status, null, null, 3),
				new SourceReading(Diagnoses.NODES_SOURCE, status, null, null, 3),
				new SourceReading(Diagnoses.PODS_SOURCE, status, null, null, 3));
		List<String> fqName = new ArrayList<>(BgpRouter.PARENT);
		fqName.add("aws-east-master");
		BgpRouter router = new BgpRouter(null, fqName, new BgpRouter.BgpRouterParameters("control-node", "contrail",
				AWS_MASTER, AWS_MASTER, 64513, 179, 0, List.of("inet-vpn"), false), List.of());
		NodeInfo node = new NodeInfo("aws-east-master", List.of(new NodeAddress("InternalIP", AWS_MASTER)), List.of(),
				null, null, null, null, null, null, true, Map.of());
		PodInfo pod = new PodInfo("kube-system", "contrail-controller-control-x", Map.of(), "Running", true, 0,
				"aws-east-master", "DaemonSet", null, null, List.of(new ContainerInfo("contrail-controller-control", null,
						null, ContainerInfo.State.RUNNING, null, true, 0)),
				true, null);
		ObservedState.TfConfig config = read
				? new ObservedState.TfConfig(64513L, List.of(), List.of(), List.of(router), List.of()) : null;
		return new ObservedState(2, "aws-east", NOW.minusSeconds(30), 10, true, "r", sources, null, List.of(), List.of(),
				List.of(node), List.of(pod), config, List.of(), null, List.of(), List.of(), null, List.of(), List.of(),
				List.of());
	}

}
