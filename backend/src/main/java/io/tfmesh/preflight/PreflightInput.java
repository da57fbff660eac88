package io.tfmesh.preflight;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * What the checks of one cluster read: its latest observation, the rules, its cloud's underlay
 * gateway, and the other members of its mesh.
 *
 * @param state null when the cluster was never observed
 * @param mesh null when the cluster is in no mesh
 */
record PreflightInput(long clusterId, String clusterName, @Nullable ObservedState state,
		Map<String, PreflightRule> rules, String cloudName, String underlayGateway, @Nullable MeshPeers mesh) {

	static final String NODES_SOURCE = "kubernetes/nodes";

	/** Why the nodes cannot be judged, null when they were read. */
	@Nullable String nodesUnread() {
		if (state == null) {
			return "the cluster was never observed";
		}
		if (!state.read(NODES_SOURCE)) {
			return "the nodes could not be read in the last observation";
		}
		return null;
	}

	List<NodeInfo> nodes() {
		return (state != null) ? state.nodes() : List.of();
	}

	/**
	 * The nodes that carry the control plane: Kubernetes masters and control-plane nodes, and
	 * TF controllers.
	 */
	List<NodeInfo> controlNodes() {
		return nodes().stream().filter(PreflightInput::isControl).toList();
	}

	/** Kubernetes masters and control-plane nodes, whose address VROUTER_GATEWAY must not be. */
	List<NodeInfo> masters() {
		return nodes().stream()
			.filter(node -> node.roles().contains("master") || node.roles().contains("control-plane"))
			.toList();
	}

	private static boolean isControl(NodeInfo node) {
		return node.roles().contains("master") || node.roles().contains("control-plane")
				|| node.roles().contains("opencontrail.org/controller");
	}

	/**
	 * The other members of the cluster's mesh, each as its latest observation has it.
	 *
	 * @param others the members but this cluster
	 */
	record MeshPeers(String meshName, List<Peer> others) {

		MeshPeers {
			others = List.copyOf(others);
		}

	}

	/**
	 * @param tfClusterName null when unknown (never observed, or neither kube-manager's setting nor
	 * the pod network were read)
	 * @param asn the global ASN its TF config API answered, null when unknown
	 */
	record Peer(long clusterId, String clusterName, @Nullable String tfClusterName, @Nullable Long asn) {
	}

}
