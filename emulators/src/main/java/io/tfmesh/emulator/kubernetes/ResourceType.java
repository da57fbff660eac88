package io.tfmesh.emulator.kubernetes;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A kind of object the emulated API serves.
 *
 * @param group its API group, empty for the core group
 * @param plural the resource name in paths, such as {@code configmaps}
 * @param shortName as {@code kubectl} accepts it
 * @param generation whether the API server counts changes of its spec in {@code metadata.generation};
 * only objects with a spec a controller acts on have one
 * @param nameRule how its names are validated
 */
record ResourceType(String group, String version, String plural, String kind, boolean namespaced,
		@Nullable String shortName, boolean generation, NameRule nameRule) {

	static final List<ResourceType> ALL = List.of(
			new ResourceType("", "v1", "configmaps", "ConfigMap", true, "cm", false, NameRule.SUBDOMAIN),
			new ResourceType("", "v1", "namespaces", "Namespace", false, "ns", false, NameRule.LABEL),
			new ResourceType("", "v1", "nodes", "Node", false, "no", false, NameRule.SUBDOMAIN),
			new ResourceType("", "v1", "pods", "Pod", true, "po", false, NameRule.SUBDOMAIN),
			new ResourceType("", "v1", "services", "Service", true, "svc", false, NameRule.DNS1035_LABEL),
			new ResourceType("apps", "v1", "daemonsets", "DaemonSet", true, "ds", true, NameRule.SUBDOMAIN),
			new ResourceType("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, null, false,
					NameRule.SUBDOMAIN));

	static Optional<ResourceType> find(String groupVersion, String plural) {
		return ALL.stream()
			.filter(type -> type.groupVersion().equals(groupVersion) && type.plural().equals(plural))
			.findFirst();
	}

	/** {@code v1} for the core group, else {@code <group>/<version>}. */
	String groupVersion() {
		return group.isEmpty() ? version : group + "/" + version;
	}

	/** As the API server names it in messages: {@code configmaps}, {@code daemonsets.apps}. */
	String qualifiedResource() {
		return group.isEmpty() ? plural : plural + "." + group;
	}

	/** As the API server names it in validation messages: {@code ConfigMap}, {@code DaemonSet.apps}. */
	String qualifiedKind() {
		return group.isEmpty() ? kind : kind + "." + group;
	}

}
