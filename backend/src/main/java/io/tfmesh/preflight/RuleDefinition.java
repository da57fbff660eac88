package io.tfmesh.preflight;

import java.util.List;
import java.util.Optional;

/**
 * A rule tfmesh knows, with what it takes: a list of allowed versions or a least size.
 *
 * @param field what the rule holds: {@code allowed} or {@code minimumGib}
 */
record RuleDefinition(String key, String title, String description, String field) {

	static final String ALLOWED = "allowed";

	static final String MINIMUM_GIB = "minimumGib";

	static final RuleDefinition KERNEL = new RuleDefinition("kernel-version", "Kernel version",
			"Every node runs one of these kernels (the node's status.nodeInfo.kernelVersion). An entry allows "
					+ "itself and the builds named after it: 3.10.0-862.14.4 allows 3.10.0-862.14.4.el7.x86_64.",
			ALLOWED);

	static final RuleDefinition KUBELET = new RuleDefinition("kubelet-version", "Kubelet version",
			"Every node's kubelet is in the supported matrix (status.nodeInfo.kubeletVersion, with or without "
					+ "its leading v). 1.28 allows every 1.28 patch release; 1.10.11 allows that release only.",
			ALLOWED);

	static final RuleDefinition RUNTIME = new RuleDefinition("container-runtime-version", "Container runtime version",
			"Every node runs a pinned container runtime (status.nodeInfo.containerRuntimeVersion, such as "
					+ "containerd://1.6.28).",
			ALLOWED);

	static final RuleDefinition MEMORY = new RuleDefinition("control-node-memory", "Control node memory",
			"Every master, control-plane and TF controller node has at least this much memory, in GiB "
					+ "(status.capacity.memory).",
			MINIMUM_GIB);

	static final RuleDefinition DISK = new RuleDefinition("control-node-disk", "Control node disk",
			"Every master, control-plane and TF controller node has at least this much disk, in GiB "
					+ "(status.capacity.ephemeral-storage).",
			MINIMUM_GIB);

	static final List<RuleDefinition> ALL = List.of(KERNEL, KUBELET, RUNTIME, MEMORY, DISK);

	static Optional<RuleDefinition> of(String key) {
		return ALL.stream().filter(definition -> definition.key().equals(key)).findFirst();
	}

	boolean takesAllowed() {
		return ALLOWED.equals(field);
	}

}
