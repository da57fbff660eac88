package io.tfmesh.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.tfmesh.observe.ObservedState;
import io.tfmesh.preflight.PreflightInput.MeshPeers;
import io.tfmesh.preflight.PreflightInput.Peer;
import org.jspecify.annotations.Nullable;

/**
 * No other member of the mesh shares the cluster's TF cluster name or global ASN: the schema
 * transformer gives every routing instance the route target {@code target:<ASN>:<8000000 + id>},
 * so peers with one ASN import each other's routes, and one cluster name gives both the same
 * network and IPAM names.
 */
final class MeshUniquenessCheck {

	static final String NAME_KEY = "tf-cluster-name-unique";

	static final String ASN_KEY = "asn-unique";

	private MeshUniquenessCheck() {
	}

	static CheckResult clusterName(PreflightInput input) {
		ObservedState state = input.state();
		String own = (state != null) ? state.tfClusterName() : null;
		return check(input, NAME_KEY, "TF cluster name unique in the mesh", "TF cluster name",
				"kube-manager's KUBERNETES_CLUSTER_NAME, or the name of its pod network", own, Peer::tfClusterName);
	}

	static CheckResult asn(PreflightInput input) {
		ObservedState state = input.state();
		Long asn = (state != null && state.tungstenFabric() != null) ? state.tungstenFabric().autonomousSystem()
				: null;
		return check(input, ASN_KEY, "ASN unique in the mesh", "ASN",
				"global-system-config autonomous_system (TF config API)", (asn != null) ? asn.toString() : null,
				peer -> (peer.asn() != null) ? peer.asn().toString() : null);
	}

	private static CheckResult check(PreflightInput input, String key, String title, String what, String source,
			@Nullable String own, Function<Peer, @Nullable String> reading) {
		MeshPeers mesh = input.mesh();
		List<Evidence> evidence = new ArrayList<>();
		if (mesh == null) {
			evidence.add(new Evidence(null, own, source + " of this cluster; it is in no mesh",
					"unique among the mesh's members", Verdict.PASS));
			return CheckResult.of(key, title, evidence, "The cluster is in no mesh, so no member shares its " + what + ".",
					"", "");
		}
		String wanted = "unique among the members of mesh " + mesh.meshName();
		evidence.add(new Evidence(null, own, source + " of this cluster",
				wanted, (own != null) ? Verdict.PASS : Verdict.UNKNOWN));
		for (Peer peer : mesh.others()) {
			String theirs = reading.apply(peer);
			Verdict verdict = (own == null || theirs == null) ? Verdict.UNKNOWN
					: Objects.equals(own, theirs) ? Verdict.FAIL : Verdict.PASS;
			evidence.add(new Evidence(null, theirs, source + " of member " + peer.clusterName()
					+ ((theirs == null) ? ": not known from its latest observation" : ""), "not " + own, verdict));
		}
		List<String> sharing = mesh.others()
			.stream()
			.filter(peer -> own != null && own.equals(reading.apply(peer)))
			.map(Peer::clusterName)
			.toList();
		return CheckResult.of(key, title, evidence,
				"No other member of mesh " + mesh.meshName() + " has the " + what + " " + own + ".",
				String.join(", ", sharing) + " in mesh " + mesh.meshName() + " also " + (sharing.size() > 1 ? "have" : "has")
						+ " the " + what + " " + own + ".",
				"The " + what + " of this cluster or of a member is not known.");
	}

}
