package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.NamespaceInfo;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.NamespaceForwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.TfConfig;
import org.jspecify.annotations.Nullable;

/**
 * Where a cluster's pods take their addresses from. kube-manager's {@code _provision_cluster}
 * (tf-controller {@code kube_manager/vnc/vnc_kubernetes.py}) attaches the ip-fabric IPAM to the
 * pod network when KUBERNETES_IP_FABRIC_FORWARDING is on, else the pod IPAM, and
 * {@code vnc_pod.py} allocates from what the network references. It only adds IPAMs to a network
 * that exists, so the setting can say one thing and the network another: the reference is the truth.
 */
final class ForwardingReading {

	static final String ANNOTATION = "opencontrail.org/ip_fabric_forwarding";

	private static final String POD_NETWORK = "-default-pod-network";

	private ForwardingReading() {
	}

	/**
	 * @param tungstenFabric null when the config API could not be read
	 * @param namespaces null when they could not be read
	 */
	static Forwarding of(@Nullable TfConfig tungstenFabric, List<Setting> kubeManager,
			@Nullable List<NamespaceInfo> namespaces) {
		Setting setting = kubeManager.stream()
			.filter(candidate -> candidate.key().equals("KUBERNETES_IP_FABRIC_FORWARDING"))
			.findFirst()
			.orElse(null);
		String settingValue = setting == null || setting.unknown() ? null : setting.value();
		List<NamespaceForwarding> overrides = overrides(namespaces);
		if (tungstenFabric == null) {
			return new Forwarding(Forwarding.UNKNOWN, "the TF config API could not be read", settingValue, null,
					List.of(), List.of(), overrides);
		}
		VirtualNetwork network = podNetwork(tungstenFabric, clusterName(kubeManager));
		if (network == null) {
			return new Forwarding(Forwarding.UNKNOWN, "TF has no default pod network", settingValue, null, List.of(),
					List.of(), overrides);
		}
		String fqName = String.join(":", network.fqName());
		String cluster = last(network.fqName()).substring(0, last(network.fqName()).length() - POD_NETWORK.length());
		List<String> ipams = new ArrayList<>();
		Set<String> subnets = new LinkedHashSet<>();
		for (VirtualNetwork.IpamRef ref : network.ipamRefs()) {
			ipams.add(last(ref.to()));
			subnets.addAll(ref.subnets());
			tungstenFabric.networkIpams()
				.stream()
				.filter(ipam -> ipam.fqName().equals(ref.to()))
				.map(NetworkIpam::subnets)
				.forEach(subnets::addAll);
		}
		if (ipams.isEmpty()) {
			return new Forwarding(Forwarding.UNKNOWN, fqName + " references no IPAM", settingValue, fqName, ipams,
					List.of(), overrides);
		}
		boolean on = ipams.contains(cluster + "-ip-fabric-ipam");
		String source = fqName + " references " + String.join(", ", ipams);
		if (settingValue != null && on != "true".equalsIgnoreCase(settingValue.strip())) {
			source += "; kube-manager's KUBERNETES_IP_FABRIC_FORWARDING is " + settingValue + " (" + setting.origin()
					+ "), but it chooses the IPAM only when it creates the network";
		}
		return new Forwarding(on ? Forwarding.ON : Forwarding.OFF, source, settingValue, fqName, ipams,
				List.copyOf(subnets), overrides);
	}

	private static @Nullable String clusterName(List<Setting> kubeManager) {
		return kubeManager.stream()
			.filter(setting -> setting.key().equals("KUBERNETES_CLUSTER_NAME") && !setting.unknown()
					&& setting.value() != null && !setting.value().isBlank())
			.map(setting -> setting.value().strip())
			.findFirst()
			.orElse(null);
	}

	/**
	 * The pod network of the cluster's name; when the name is unknown, the only default pod
	 * network there is.
	 */
	private static @Nullable VirtualNetwork podNetwork(TfConfig tungstenFabric, @Nullable String cluster) {
		List<VirtualNetwork> candidates = tungstenFabric.virtualNetworks()
			.stream()
			.filter(network -> cluster == null ? last(network.fqName()).endsWith(POD_NETWORK)
					&& last(network.fqName()).length() > POD_NETWORK.length()
					: last(network.fqName()).equals(cluster + POD_NETWORK))
			.toList();
		return candidates.size() == 1 ? candidates.get(0) : null;
	}

	/** Per kube_config_db.py: {@code true} or {@code false}, in any case; other values are ignored. */
	private static List<NamespaceForwarding> overrides(@Nullable List<NamespaceInfo> namespaces) {
		if (namespaces == null) {
			return List.of();
		}
		List<NamespaceForwarding> overrides = new ArrayList<>();
		for (NamespaceInfo namespace : namespaces) {
			String value = namespace.annotations().get(ANNOTATION);
			if (value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
				overrides.add(new NamespaceForwarding(namespace.name(), value.toLowerCase(Locale.ROOT).equals("true")));
			}
		}
		return overrides;
	}

	private static String last(List<String> fqName) {
		return fqName.isEmpty() ? "" : fqName.get(fqName.size() - 1);
	}

}
