package io.tfmesh.apply.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.plan.StepSystem;

/**
 * The steps a plan gives one cluster whose pod addresses move to a new block and that gets an
 * ASN of its own: the new subnet beside the old one in the pod IPAM (the old one still has
 * pods), the global ASN, the pod subnet in both ConfigMaps kube-manager reads, then a restart of
 * kube-manager and of the vrouter agents, which read the pod subnets at start.
 */
final class BenchPlan {

	static final String KUBE_MANAGER = "contrail-kube-manager";

	static final String VROUTER_AGENT = "contrail-agent";

	static final String POD_SUBNETS = "KUBERNETES_POD_SUBNETS";

	private static final List<String> POD_IPAM = List.of("default-domain", BenchCluster.TF_CLUSTER + "-default",
			BenchCluster.TF_CLUSTER + "-pod-ipam");

	private BenchPlan() {
	}

	/** The objects the steps of one cluster write, by the keys its Kubernetes emulator counts. */
	static List<String> kubernetesObjects() {
		return List.of("configmaps/" + BenchCluster.NAMESPACE + "/env",
				"configmaps/" + BenchCluster.NAMESPACE + "/kube-manager-config");
	}

	/** The objects the steps of one cluster write, by the keys its TF emulator counts. */
	static List<String> tfObjects() {
		return List.of(NetworkIpam.TYPE + "/" + String.join(":", POD_IPAM),
				GlobalSystemConfig.TYPE + "/" + String.join(":", GlobalSystemConfig.DEFAULT_FQ_NAME));
	}

	/**
	 * @param index the cluster's place in the mesh, which picks its pod block and ASN
	 */
	static List<PlannedStep> forCluster(long clusterId, String cluster, int index) {
		String podBlock = podBlock(index);
		long asn = 64600 + index;
		String ipamKey = key(cluster, StepSystem.TUNGSTEN_FABRIC, NetworkIpam.TYPE, String.join(":", POD_IPAM));
		String envKey = key(cluster, StepSystem.KUBERNETES, "configmap", BenchCluster.NAMESPACE + "/env");
		String configKey = key(cluster, StepSystem.KUBERNETES, "configmap",
				BenchCluster.NAMESPACE + "/kube-manager-config");
		List<PlannedStep> steps = new ArrayList<>();
		steps.add(new PlannedStep(ipamKey, clusterId, cluster, StepSystem.TUNGSTEN_FABRIC, NetworkIpam.TYPE,
				String.join(":", POD_IPAM), StepAction.UPDATE, Map.of("subnets", BenchCluster.POD_SUBNET),
				Map.of("subnets", BenchCluster.POD_SUBNET + ", " + podBlock), List.of(),
				"none: new pods may take addresses from " + podBlock,
				new StepOperation.WriteTfObject(new NetworkIpam(null, POD_IPAM, "flat-subnet",
						List.of(BenchCluster.POD_SUBNET, podBlock))),
				new StepOperation.WriteTfObject(
						new NetworkIpam(null, POD_IPAM, "flat-subnet", List.of(BenchCluster.POD_SUBNET)))));
		steps.add(new PlannedStep(
				key(cluster, StepSystem.TUNGSTEN_FABRIC, GlobalSystemConfig.TYPE,
						String.join(":", GlobalSystemConfig.DEFAULT_FQ_NAME)),
				clusterId, cluster, StepSystem.TUNGSTEN_FABRIC, GlobalSystemConfig.TYPE,
				String.join(":", GlobalSystemConfig.DEFAULT_FQ_NAME), StepAction.UPDATE,
				Map.of("autonomous_system", String.valueOf(BenchCluster.ASN)),
				Map.of("autonomous_system", String.valueOf(asn)), List.of(),
				"BGP sessions of the control nodes restart",
				new StepOperation.WriteTfObject(
						new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, asn, false, true)),
				new StepOperation.WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME,
						BenchCluster.ASN, false, true))));
		for (String[] configMap : new String[][] { { envKey, "env" }, { configKey, "kube-manager-config" } }) {
			steps.add(new PlannedStep(configMap[0], clusterId, cluster, StepSystem.KUBERNETES, "configmap",
					BenchCluster.NAMESPACE + "/" + configMap[1], StepAction.UPDATE, Map.of(),
					Map.of(POD_SUBNETS, podBlock), List.of(ipamKey), "none until its readers restart",
					new StepOperation.SetConfigMapKeys(BenchCluster.NAMESPACE, configMap[1],
							Map.of(POD_SUBNETS, podBlock), List.of()),
					new StepOperation.SetConfigMapKeys(BenchCluster.NAMESPACE, configMap[1], Map.of(),
							List.of(POD_SUBNETS))));
		}
		steps.add(restart(clusterId, cluster, KUBE_MANAGER, List.of(envKey, configKey)));
		// the agent reads only env
		steps.add(restart(clusterId, cluster, VROUTER_AGENT, List.of(envKey)));
		return steps;
	}

	private static PlannedStep restart(long clusterId, String cluster, String daemonSet, List<String> dependsOn) {
		String object = BenchCluster.NAMESPACE + "/" + daemonSet;
		return new PlannedStep(key(cluster, StepSystem.KUBERNETES, "daemonset", object), clusterId, cluster,
				StepSystem.KUBERNETES, "daemonset", object, StepAction.RESTART, Map.of(), Map.of(), dependsOn,
				"the pods of " + object + " restart",
				new StepOperation.RestartPods(BenchCluster.NAMESPACE, daemonSet), null);
	}

	/** A /18 of 100.64.0.0/10 of its own for each of up to 256 clusters. */
	static String podBlock(int index) {
		if (index < 0 || index >= 256) {
			throw new IllegalArgumentException("100.64.0.0/10 has 256 blocks of /18, not a block " + index);
		}
		return "100." + (64 + index / 4) + "." + (index % 4) * 64 + ".0/18";
	}

	private static String key(String cluster, StepSystem system, String type, String object) {
		return cluster + "/" + system.id() + "/" + type + "/" + object;
	}

}
