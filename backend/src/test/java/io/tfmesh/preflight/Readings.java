package io.tfmesh.preflight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.observe.ObservedState.TfConfig;
import io.tfmesh.preflight.PreflightInput.MeshPeers;
import org.jspecify.annotations.Nullable;

/**
 * What the preflight checks read, for unit tests: by default the sandbox's healthy aws-east as the
 * rules seeded by V12 want it, which each test then spoils in one place.
 */
final class Readings {

	static final Instant OBSERVED_AT = Instant.parse("2026-11-30T10:00:00Z");

	static final String MASTER_IP = "10.0.0.10";

	static final String GATEWAY = "172.31.0.1";

	/** The rules as V12 seeds them. */
	static final Map<String, PreflightRule> SEEDED_RULES = Map.of("kernel-version",
			allowed("kernel-version", "3.10.0-862.14.4", "5.4.0-182"), "kubelet-version",
			allowed("kubelet-version", "1.10.11", "1.28"), "container-runtime-version",
			allowed("container-runtime-version", "containerd://1.6.28"), "control-node-memory",
			minimum("control-node-memory", 32), "control-node-disk", minimum("control-node-disk", 50));

	final List<NodeInfo> nodes = new ArrayList<>();

	final List<Setting> kubeManager = new ArrayList<>();

	final List<Setting> vrouterAgent = new ArrayList<>();

	final List<SourceReading> sources = new ArrayList<>();

	@Nullable KubeadmConfig kubeadm = new KubeadmConfig("10.32.0.0/12", "10.96.0.0/12", "v1.28.15", "cluster.local",
			"7");

	@Nullable Long asn = 64512L;

	@Nullable MeshPeers mesh;

	boolean observed = true;

	Map<String, PreflightRule> rules = SEEDED_RULES;

	Readings() {
		nodes.add(node("aws-east-master", MASTER_IP, List.of("control-plane", "opencontrail.org/controller"),
				"5.4.0-182-generic", "v1.28.15", "containerd://1.6.28", "65842396Ki", "101430960Ki"));
		nodes.add(node("aws-east-worker-1", "10.0.0.11", List.of("opencontrail.org/vrouter"), "5.4.0-182-generic",
				"v1.28.15", "containerd://1.6.28", "16265368Ki", "101430960Ki"));
		kubeManager.add(new Setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", Setting.ENTRYPOINT_DEFAULT, false));
		kubeManager.add(new Setting("KUBERNETES_CLUSTER_NAME", "k8s", Setting.ENTRYPOINT_DEFAULT, false));
		vrouterAgent.add(new Setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", Setting.ENTRYPOINT_DEFAULT, false));
		vrouterAgent.add(new Setting("VROUTER_GATEWAY", GATEWAY, "configmap/env", false));
		sources.add(new SourceReading("kubernetes/nodes", "ok", null, null, 3));
	}

	static NodeInfo node(String name, String address, List<String> roles, @Nullable String kernel,
			@Nullable String kubelet, @Nullable String runtime, @Nullable String memory, @Nullable String disk) {
		return new NodeInfo(name, List.of(new NodeAddress("InternalIP", address), new NodeAddress("Hostname", name)),
				roles, kernel, kubelet, runtime, "Ubuntu 20.04.6 LTS", memory, disk, true, Map.of());
	}

	/** Replaces the node of that name, changed as the function says. */
	Readings node(String name, java.util.function.UnaryOperator<NodeInfo> change) {
		nodes.replaceAll(node -> node.name().equals(name) ? change.apply(node) : node);
		return this;
	}

	Readings agent(String key, @Nullable String value, String origin, boolean unknown) {
		vrouterAgent.removeIf(setting -> setting.key().equals(key));
		vrouterAgent.add(new Setting(key, value, origin, unknown));
		return this;
	}

	Readings kubeManager(String key, @Nullable String value, String origin, boolean unknown) {
		kubeManager.removeIf(setting -> setting.key().equals(key));
		kubeManager.add(new Setting(key, value, origin, unknown));
		return this;
	}

	Readings nodesFailed() {
		sources.replaceAll(source -> new SourceReading(source.source(), "failed", "UNREACHABLE", "connection refused",
				3));
		nodes.clear();
		return this;
	}

	PreflightInput input() {
		ObservedState state = observed ? new ObservedState(1, "aws-east", OBSERVED_AT, 10, true, "r1", sources,
				kubeadm, List.of(), kubeManager, nodes, List.of(), new TfConfig(asn, List.of(), List.of(), List.of(),
						List.of()),
				List.of(), null, vrouterAgent, List.of(), null, List.of(), List.of(), List.of()) : null;
		return new PreflightInput(1, "aws-east", state, rules, "aws", GATEWAY, mesh);
	}

	PreflightReport report() {
		return PreflightChecks.run(input());
	}

	CheckResult check(String key) {
		return report().checks().stream().filter(check -> check.check().equals(key)).findFirst().orElseThrow();
	}

	static NodeInfo withKernel(NodeInfo node, @Nullable String kernel) {
		return new NodeInfo(node.name(), node.addresses(), node.roles(), kernel, node.kubeletVersion(),
				node.containerRuntimeVersion(), node.osImage(), node.memoryCapacity(), node.ephemeralStorageCapacity(),
				node.ready(), node.labels());
	}

	static NodeInfo withKubelet(NodeInfo node, @Nullable String kubelet) {
		return new NodeInfo(node.name(), node.addresses(), node.roles(), node.kernelVersion(), kubelet,
				node.containerRuntimeVersion(), node.osImage(), node.memoryCapacity(), node.ephemeralStorageCapacity(),
				node.ready(), node.labels());
	}

	static NodeInfo withRuntime(NodeInfo node, @Nullable String runtime) {
		return new NodeInfo(node.name(), node.addresses(), node.roles(), node.kernelVersion(), node.kubeletVersion(),
				runtime, node.osImage(), node.memoryCapacity(), node.ephemeralStorageCapacity(), node.ready(),
				node.labels());
	}

	static NodeInfo withCapacity(NodeInfo node, @Nullable String memory, @Nullable String disk) {
		return new NodeInfo(node.name(), node.addresses(), node.roles(), node.kernelVersion(), node.kubeletVersion(),
				node.containerRuntimeVersion(), node.osImage(), memory, disk, node.ready(), node.labels());
	}

	private static PreflightRule allowed(String key, String... versions) {
		RuleDefinition definition = RuleDefinition.of(key).orElseThrow();
		return new PreflightRule(key, definition.title(), definition.description(), definition.field(),
				List.of(versions), null, OBSERVED_AT, "system", 0);
	}

	private static PreflightRule minimum(String key, int gib) {
		RuleDefinition definition = RuleDefinition.of(key).orElseThrow();
		return new PreflightRule(key, definition.title(), definition.description(), definition.field(), null, gib,
				OBSERVED_AT, "system", 0);
	}

}
