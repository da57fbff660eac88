package io.tfmesh.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How tfmesh authenticates to a cluster's Kubernetes API. */
public enum KubernetesAuth {

	/** An uploaded kubeconfig file. */
	KUBECONFIG,
	/** A bearer token, with the CA certificate of the API server when it is not publicly trusted. */
	TOKEN;

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static KubernetesAuth of(String id) {
		for (KubernetesAuth auth : values()) {
			if (auth.id().equalsIgnoreCase(id)) {
				return auth;
			}
		}
		throw new IllegalArgumentException("unknown Kubernetes auth '" + id + "'; expected kubeconfig or token");
	}

}
