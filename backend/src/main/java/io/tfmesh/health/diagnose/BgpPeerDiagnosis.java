package io.tfmesh.health.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import io.tfmesh.health.ServedNeighbors;
import io.tfmesh.health.diagnose.Finding.Evidence;
import io.tfmesh.health.diagnose.Finding.Fix;
import org.jspecify.annotations.Nullable;

/**
 * {@code bgp-peer-not-established}: a control node's BGP session with a control node of another
 * cluster of its mesh that is not Established, so the two clusters exchange no routes. A
 * neighbor list that was not read says nothing about the sessions: its finding is unknown.
 */
final class BgpPeerDiagnosis {

	static final String CODE = "bgp-peer-not-established";

	private BgpPeerDiagnosis() {
	}

	/**
	 * One finding per control node of the cluster; none when the cluster is in no mesh, or its
	 * mesh has no other cluster.
	 * @param cluster the cluster's name
	 * @param lists its control nodes' neighbors as served now
	 */
	static List<Finding> of(String cluster, List<ServedNeighbors> lists, MeshSpeakers mesh) {
		if (mesh.mesh() == null || mesh.others().isEmpty()) {
			return List.of();
		}
		List<Finding> findings = new ArrayList<>();
		for (ServedNeighbors list : lists) {
			if (!list.known()) {
				findings.add(new Finding(CODE, Finding.UNKNOWN, list.node(),
						"The BGP neighbors of the control node on " + list.node() + " (" + cluster + ") were not read ("
								+ list.unknownBecause() + "), so whether its sessions with " + String.join(", ", mesh.others())
								+ " of mesh " + mesh.mesh() + " are Established is unknown.",
						List.of(new Evidence("BGP neighbors of the control node on " + list.node(), "unknown",
								list.source(), list.ageSeconds())),
						null));
				continue;
			}
			Finding finding = notEstablished(cluster, list, mesh);
			if (finding != null) {
				findings.add(finding);
			}
		}
		return findings;
	}

	private static @Nullable Finding notEstablished(String cluster, ServedNeighbors list, MeshSpeakers mesh) {
		List<Evidence> evidence = new ArrayList<>();
		List<String> causes = new ArrayList<>();
		Set<String> peerClusters = new LinkedHashSet<>();
		List<String> unmatched = new ArrayList<>();
		@Nullable BgpNeighbor first = null;
		@Nullable String firstCluster = null;
		for (BgpNeighbor neighbor : list.neighbors()) {
			if (!neighbor.bgp() || neighbor.established()) {
				continue;
			}
			List<MeshSpeakers.Speaker> speakers = mesh.at(neighbor.peerAddress());
			if (speakers.isEmpty()) {
				unmatched.add(neighbor.peer() + " (" + neighbor.peerAddress() + ", " + neighbor.state() + ")");
				continue;
			}
			MeshSpeakers.Speaker speaker = speakers.get(0);
			peerClusters.add(speaker.cluster());
			evidence.add(evidence(list, neighbor));
			speakers.forEach(s -> evidence.add(new Evidence(s.what() + " of " + s.cluster(), s.address(), s.source()
					+ " of " + s.cluster(), s.ageSeconds())));
			causes.add("its BGP session with " + neighbor.peer() + " (" + neighbor.peerAddress() + ", " + speaker.what()
					+ " of " + speaker.cluster() + ") is " + neighbor.state() + ", not Established");
			if (first == null) {
				first = neighbor;
				firstCluster = speaker.cluster();
			}
		}
		if (first != null) {
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("cluster", cluster);
			parameters.put("node", list.node());
			parameters.put("peerCluster", firstCluster);
			parameters.put("peer", first.peer());
			parameters.put("peerAddress", first.peerAddress());
			parameters.put("port", "179");
			return new Finding(CODE, Finding.CRITICAL, list.node(),
					"On the control node on " + list.node() + " (" + cluster + ") " + String.join("; ", causes) + ": "
							+ cluster + " and " + String.join(", ", peerClusters) + " exchange no routes over it.",
					evidence, new Fix("Check the peering on both sides: each cluster's bgp-router for the other's "
							+ "control node (address and ASN), and that the underlay passes BGP (TCP 179) between "
							+ list.node() + " and " + first.peerAddress() + ".", "check-bgp-peering", parameters));
		}
		if (!unmatched.isEmpty() && !mesh.unread().isEmpty()) {
			// the peer may be a control node of a member whose control nodes were not read
			return new Finding(CODE, Finding.UNKNOWN, list.node(),
					"The control node on " + list.node() + " (" + cluster + ") has BGP sessions that are not Established: "
							+ String.join(", ", unmatched) + ". Whether they are with " + String.join(", ", mesh.unread())
							+ " of mesh " + mesh.mesh() + " is unknown: their control nodes were not read.",
					list.neighbors().stream().filter(n -> n.bgp() && !n.established()).map(n -> evidence(list, n)).toList(),
					null);
		}
		return null;
	}

	private static Evidence evidence(ServedNeighbors list, BgpNeighbor neighbor) {
		return new Evidence("BGP neighbor " + neighbor.peer() + " of the control node on " + list.node(),
				neighbor.state() + " (" + neighbor.peerAddress() + ", ASN " + neighbor.peerAsn() + ", " + neighbor.peerType()
						+ ")",
				list.source(), list.ageSeconds());
	}

}
