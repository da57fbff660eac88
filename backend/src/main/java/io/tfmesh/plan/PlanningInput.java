package io.tfmesh.plan;

import java.util.List;

import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * Everything the desired-state compiler reads: the mesh's members with what the planner gave
 * each and what each was last observed to have, and the mesh's intents.
 */
public record PlanningInput(long meshId, String meshName, List<Member> members, List<IntentSpec> intents) {

	public PlanningInput {
		members = List.copyOf(members);
		intents = List.copyOf(intents);
	}

	/**
	 * @param asn the ASN the mesh gave the cluster, null when it has none yet
	 * @param podCidr the pod allocation, null when the cluster has none
	 * @param kubeManagerNamespace where the cluster's TF DaemonSets and ConfigMaps live (inventory)
	 * @param kubeManagerConfigMaps the ConfigMaps the inventory names as kube-manager's
	 * @param observed the last complete observation
	 */
	public record Member(long clusterId, String clusterName, @Nullable Long asn, @Nullable String podCidr,
			@Nullable String serviceCidr, @Nullable String fabricCidr, String kubeManagerNamespace,
			List<String> kubeManagerConfigMaps, ObservedState observed) {

		public Member {
			kubeManagerConfigMaps = List.copyOf(kubeManagerConfigMaps);
		}

	}

}
