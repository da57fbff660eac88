package io.tfmesh.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.observe.ObservedState.TfConfig;
import org.jspecify.annotations.Nullable;

/**
 * Observed states for unit tests, holding only what address planning reads: kubeadm's subnets,
 * kube-manager's settings, the TF IPAMs, the IPAMs the pod network references and the global ASN.
 * The TF config API answered unless {@link #tfDown()} says otherwise.
 */
final class Observed {

	private final String cluster;

	private @Nullable KubeadmConfig kubeadm;

	private final List<Setting> settings = new ArrayList<>();

	private final List<NetworkIpam> ipams = new ArrayList<>();

	private @Nullable Long asn;

	private boolean tfDown;

	private final List<SettingDrift> drift = new ArrayList<>();

	private @Nullable List<String> podNetworkIpams;

	private Observed(String cluster) {
		this.cluster = cluster;
	}

	/** A cluster whose ConfigMaps set nothing and whose config API answered with nothing. */
	static Observed cluster(String name) {
		return new Observed(name);
	}

	/**
	 * A cluster installed from the single-yaml manifest and left alone: kube-manager runs with its
	 * entrypoint's defaults, and TF's config API answered with ASN 64512 and the IPAMs kube-manager
	 * provisioned from those defaults.
	 */
	static Observed defaults(String name) {
		return cluster(name).defaultSetting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12")
			.defaultSetting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12")
			.defaultSetting("KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12")
			.defaultSetting("KUBERNETES_CLUSTER_NAME", "k8s")
			.ipam("k8s-pod-ipam", "10.32.0.0/12")
			.ipam("k8s-service-ipam", "10.96.0.0/12")
			.ipam("k8s-ip-fabric-ipam", "10.64.0.0/12")
			.asn(64512L);
	}

	/**
	 * A cluster whose kube-manager was given these subnets in its {@code env} ConfigMap, and whose
	 * config API answered without IPAMs nor ASN (its pod network references a pod IPAM that is not there).
	 */
	static Observed subnets(String name, String pods, String services, String fabric) {
		return cluster(name).setting("KUBERNETES_POD_SUBNETS", pods)
			.setting("KUBERNETES_SERVICE_SUBNETS", services)
			.setting("KUBERNETES_IP_FABRIC_SUBNETS", fabric)
			.setting("KUBERNETES_CLUSTER_NAME", name);
	}

	Observed kubeadm(@Nullable String podSubnet, @Nullable String serviceSubnet) {
		this.kubeadm = new KubeadmConfig(podSubnet, serviceSubnet, "v1.29.1", "cluster.local", "1");
		return this;
	}

	/** A setting of the {@code env} ConfigMap; it wins over an entrypoint default of the same key. */
	Observed setting(String key, @Nullable String value) {
		settings.removeIf(setting -> setting.key().equals(key));
		settings.add(new Setting(key, value, "configmap/env", false));
		return this;
	}

	/** A setting that comes from a source tfmesh could not read. */
	Observed unknownSetting(String key) {
		settings.removeIf(setting -> setting.key().equals(key));
		settings.add(new Setting(key, null, "configmap/env could not be read", true));
		return this;
	}

	/** A setting that kube-manager and the vrouter agent run with different values of. */
	Observed drift(SettingDrift setting) {
		drift.add(setting);
		return this;
	}

	/** The TF config API did not answer: no IPAMs, no ASN, no pod network are known. */
	Observed tfDown() {
		tfDown = true;
		return this;
	}

	/** The IPAMs the default pod network references (by default the cluster's pod IPAM). */
	Observed podNetwork(String... ipams) {
		podNetworkIpams = List.of(ipams);
		return this;
	}

	Observed defaultSetting(String key, @Nullable String value) {
		settings.removeIf(setting -> setting.key().equals(key));
		settings.add(new Setting(key, value, Setting.ENTRYPOINT_DEFAULT, false));
		return this;
	}

	/** A flat-subnet IPAM in the default project. */
	Observed ipam(String name, String... subnets) {
		ipams.removeIf(ipam -> ipam.fqName().equals(List.of("default-domain", "default", name)));
		ipams.add(new NetworkIpam(null, List.of("default-domain", "default", name), "flat-subnet", List.of(subnets)));
		return this;
	}

	/** An IPAM as the config API gave it. */
	Observed ipam(NetworkIpam ipam) {
		ipams.add(ipam);
		return this;
	}

	/** The ASN of TF's global-system-config; null when the config API answered without one. */
	Observed asn(@Nullable Long asn) {
		this.asn = asn;
		return this;
	}

	ObservedState state() {
		List<SourceReading> sources = tfDown
				? List.of(new SourceReading("tungsten-fabric/config-api", "failed", "UNREACHABLE", "refused", 1))
				: List.of();
		return new ObservedState(1, cluster, Instant.parse("2024-06-01T12:00:00Z"), 5, !tfDown, "r1", sources, kubeadm,
				List.of(), List.copyOf(settings), List.of(), List.of(),
				tfDown ? null : new TfConfig(asn, List.copyOf(ipams), List.of(), List.of(), List.of(), null, null, null), List.of(), null, List.of(),
				List.copyOf(drift), forwarding(), tfDown ? List.of("tungstenFabric", "forwarding.mode") : List.of(), List.of(), List.of());
	}

	private Forwarding forwarding() {
		if (tfDown) {
			return new Forwarding(Forwarding.UNKNOWN, "the TF config API could not be read", null, null, List.of(),
					List.of(), List.of());
		}
		String name = settings.stream()
			.filter(setting -> setting.key().equals("KUBERNETES_CLUSTER_NAME") && setting.value() != null
					&& !setting.value().isBlank())
			.map(setting -> setting.value().strip())
			.findFirst()
			.orElse("k8s");
		List<String> referenced = podNetworkIpams != null ? podNetworkIpams : List.of(name + "-pod-ipam");
		List<String> subnets = new ArrayList<>();
		for (String ipam : referenced) {
			ipams.stream()
				.filter(candidate -> !candidate.fqName().isEmpty()
						&& candidate.fqName().get(candidate.fqName().size() - 1).equals(ipam))
				.findFirst()
				.ifPresent(found -> subnets.addAll(found.subnets()));
		}
		boolean on = referenced.contains(name + "-ip-fabric-ipam");
		return new Forwarding(on ? Forwarding.ON : Forwarding.OFF, "test", null,
				"default-domain:" + name + "-default:" + name + "-default-pod-network", referenced, subnets, List.of());
	}

}
