package io.tfmesh.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One change to one object of one cluster, as a plan states it for review and as a worker
 * carries it out.
 *
 * @param key unique in its plan and stable across plans of the same change, e.g.
 * {@code gcp-west/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam}
 * @param objectType {@code configmap}, {@code daemonset}, {@code service}, or the TF type
 * ({@code network-ipam}, {@code virtual-network}, {@code global-system-config},
 * {@code bgp-router}, {@code network-policy})
 * @param object the object's name as people read it: {@code kube-system/env}, or a TF fq_name
 * joined by colons
 * @param before each changed field as it is now, for review; a field absent here was absent
 * @param after each changed field as the step leaves it
 * @param dependsOn keys of the steps that must be done before this one starts
 * @param risk what the step disturbs, in one line (which pods restart, which addresses move)
 * @param undo what restores the before-image once the step is done, for a reverse plan; null
 * when nothing can (the step changes nothing that a later write could restore)
 */
public record PlannedStep(String key, long clusterId, String clusterName, StepSystem system, String objectType,
		String object, StepAction action, Map<String, String> before, Map<String, String> after,
		List<String> dependsOn, String risk, StepOperation operation,
		@Nullable StepOperation undo) {

	public PlannedStep {
		before = new TreeMap<>(before);
		after = new TreeMap<>(after);
		dependsOn = List.copyOf(dependsOn);
	}

}
