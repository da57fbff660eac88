package io.tfmesh.mesh;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an allocation in a mesh's address space is for. */
public enum Kind {

	/** kube-manager's KUBERNETES_POD_SUBNETS. */
	POD,
	/** kube-manager's KUBERNETES_SERVICE_SUBNETS, and kubeadm's serviceSubnet. */
	SERVICE,
	/** kube-manager's KUBERNETES_IP_FABRIC_SUBNETS. */
	FABRIC,
	/** A member cloud's underlay network. */
	UNDERLAY,
	/** Set aside by an admin. */
	RESERVED;

	public static final java.util.List<Kind> CLUSTER_KINDS = java.util.List.of(POD, SERVICE, FABRIC);

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static Kind of(String id) {
		for (Kind kind : values()) {
			if (kind.id().equalsIgnoreCase(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown kind '" + id + "'; allowed values are pod, service, fabric, underlay and reserved");
	}

	public boolean ofCluster() {
		return CLUSTER_KINDS.contains(this);
	}

	/** The kube-manager setting that carries this kind of CIDR. */
	public String kubeManagerKey() {
		return switch (this) {
			case POD -> "KUBERNETES_POD_SUBNETS";
			case SERVICE -> "KUBERNETES_SERVICE_SUBNETS";
			case FABRIC -> "KUBERNETES_IP_FABRIC_SUBNETS";
			default -> throw new IllegalStateException(this + " has no kube-manager setting");
		};
	}

	/** The TF IPAM kube-manager provisions for this kind, for a cluster name ({@code k8s-pod-ipam}). */
	public String ipamName(String clusterName) {
		return switch (this) {
			case POD -> clusterName + "-pod-ipam";
			case SERVICE -> clusterName + "-service-ipam";
			case FABRIC -> clusterName + "-ip-fabric-ipam";
			default -> throw new IllegalStateException(this + " has no IPAM");
		};
	}

}
