package io.tfmesh.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.KubeManagerSetting;
import io.tfmesh.observe.ObservedState.TfConfig;
import org.jspecify.annotations.Nullable;

/**
 * Observed states for unit tests, holding only what address planning reads: kubeadm's subnets,
 * kube-manager's settings, the TF IPAMs and the global ASN.
 */
final class Observed {

	private final String cluster;

	private @Nullable KubeadmConfig kubeadm;

	private final List<KubeManagerSetting> settings = new ArrayList<>();

	private final List<NetworkIpam> ipams = new ArrayList<>();

	private @Nullable Long asn;

	private boolean tf;

	private Observed(String cluster) {
		this.cluster = cluster;
	}

	/** A cluster observed with nothing read at all. */
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
	 * config API answered without IPAMs nor ASN.
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
		settings.add(new KubeManagerSetting(key, value, "configmap/env"));
		return this;
	}

	Observed defaultSetting(String key, @Nullable String value) {
		settings.removeIf(setting -> setting.key().equals(key));
		settings.add(new KubeManagerSetting(key, value, "default"));
		return this;
	}

	/** A flat-subnet IPAM in the default project. */
	Observed ipam(String name, String... subnets) {
		ipams.removeIf(ipam -> ipam.fqName().equals(List.of("default-domain", "default", name)));
		ipams.add(new NetworkIpam(null, List.of("default-domain", "default", name), "flat-subnet", List.of(subnets)));
		tf = true;
		return this;
	}

	/** An IPAM as the config API gave it. */
	Observed ipam(NetworkIpam ipam) {
		ipams.add(ipam);
		tf = true;
		return this;
	}

	/** The ASN of TF's global-system-config; null when the config API answered without one. */
	Observed asn(@Nullable Long asn) {
		this.asn = asn;
		tf = true;
		return this;
	}

	ObservedState state() {
		return new ObservedState(1, cluster, Instant.parse("2024-06-01T12:00:00Z"), 5, true, "r1", List.of(), kubeadm,
				List.of(), List.copyOf(settings), List.of(), List.of(),
				tf ? new TfConfig(asn, List.copyOf(ipams), List.of(), List.of()) : null, List.of(), null);
	}

}
