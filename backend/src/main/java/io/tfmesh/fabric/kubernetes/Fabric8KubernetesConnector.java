package io.tfmesh.fabric.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.function.Function;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

/** A {@link KubernetesConnector} over a fabric8 client, which it owns and closes. */
public final class Fabric8KubernetesConnector implements KubernetesConnector, AutoCloseable {

	/** Items per list request: a large cluster is read in pages, as kubectl does. */
	static final long PAGE_SIZE = 500;

	private final KubernetesClient client;

	private final KubernetesFailures failures;

	private final ServiceApplier services;

	public Fabric8KubernetesConnector(KubernetesClient client) {
		this.client = client;
		// a token given directly is the oauth token; one from a kubeconfig is the "auto" one
		this.failures = new KubernetesFailures(client.getConfiguration().getOauthToken(),
				client.getConfiguration().getAutoOAuthToken());
		this.services = new ServiceApplier(client, this.failures);
	}

	@Override
	public Optional<KubeadmConfig> kubeadmConfig() {
		ConfigMap map = failures.call(
				"read ConfigMap " + KubeadmConfigs.NAMESPACE + "/" + KubeadmConfigs.NAME, () -> client.configMaps()
					.inNamespace(KubeadmConfigs.NAMESPACE)
					.withName(KubeadmConfigs.NAME)
					.get());
		return Optional.ofNullable(map).map(KubeadmConfigs::parse);
	}

	@Override
	public List<ConfigMapData> configMaps(String namespace, List<String> names) {
		List<ConfigMapData> found = new ArrayList<>();
		for (String name : names) {
			ConfigMap map = failures.call("read ConfigMap " + namespace + "/" + name,
					() -> client.configMaps().inNamespace(namespace).withName(name).get());
			if (map != null) {
				found.add(KubernetesRecords.configMap(map));
			}
		}
		return found;
	}

	@Override
	public List<NodeInfo> nodes() {
		return failures.call("list nodes", () -> client.nodes().list())
			.getItems()
			.stream()
			.map(KubernetesRecords::node)
			.sorted(Comparator.comparing(NodeInfo::name))
			.toList();
	}

	@Override
	public List<PodInfo> tfPods(String namespace) {
		return failures.call("list pods in " + namespace, () -> client.pods().inNamespace(namespace).list())
			.getItems()
			.stream()
			.filter(KubernetesRecords::isTungstenFabric)
			.map(KubernetesRecords::pod)
			.sorted(Comparator.comparing(PodInfo::name))
			.toList();
	}

	@Override
	public List<DaemonSetInfo> tfDaemonSets(String namespace) {
		return failures
			.call("list DaemonSets in " + namespace, () -> client.apps().daemonSets().inNamespace(namespace).list())
			.getItems()
			.stream()
			.filter(KubernetesRecords::isTungstenFabric)
			.map(KubernetesRecords::daemonSet)
			.sorted(Comparator.comparing(DaemonSetInfo::name))
			.toList();
	}

	@Override
	public List<NamespaceInfo> namespaces() {
		return failures.call("list namespaces", () -> client.namespaces().list())
			.getItems()
			.stream()
			.map(KubernetesRecords::namespace)
			.sorted(Comparator.comparing(NamespaceInfo::name))
			.toList();
	}

	@Override
	public ClusterCounts counts() {
		long pods = count("list pods", options -> client.pods().inAnyNamespace().list(options),
				KubernetesRecords::usesPodNetwork);
		long services = count("list services", options -> client.services().inAnyNamespace().list(options),
				KubernetesRecords::hasClusterIp);
		return new ClusterCounts(pods, services);
	}

	/** Counts the items that match, page by page, following the API server's continue tokens. */
	private <T extends HasMetadata> long count(String what, Function<ListOptions, KubernetesResourceList<T>> page,
			Predicate<T> counted) {
		long count = 0;
		String next = null;
		do {
			ListOptions options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(next).build();
			KubernetesResourceList<T> items = failures.call(what, () -> page.apply(options));
			count += items.getItems().stream().filter(counted).count();
			next = (items.getMetadata() != null) ? items.getMetadata().getContinue() : null;
		}
		while (next != null && !next.isEmpty());
		return count;
	}

	@Override
	public ConfigMapData patchConfigMap(String namespace, String name, String expectedResourceVersion,
			Map<String, String> set, List<String> remove) {
		// a resourceVersion in a merge patch is a precondition: the API server refuses the patch
		// with 409 unless it still is the current version
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("metadata", Map.of("resourceVersion", expectedResourceVersion));
		Map<String, String> data = new LinkedHashMap<>(set);
		// a null in a JSON merge patch removes the key (RFC 7386)
		remove.stream().filter(key -> !set.containsKey(key)).forEach(key -> data.put(key, null));
		patch.put("data", data);
		String what = "ConfigMap " + namespace + "/" + name;
		try {
			ConfigMap patched = failures.call("patch " + what, () -> client.configMaps()
				.inNamespace(namespace)
				.withName(name)
				.patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch)));
			return KubernetesRecords.configMap(patched);
		}
		catch (FabricException ex) {
			if (ex.kind() == Kind.CONFLICT) {
				// the API server's own message follows, as an operator would see it from kubectl
				throw failures.failure(Kind.CONFLICT, ex.status(),
						what + " changed since it was read at resourceVersion " + expectedResourceVersion
								+ "; read it again before changing it: " + ex.getMessage(),
						ex);
			}
			throw ex;
		}
	}

	@Override
	public void deletePod(String namespace, String name) {
		String what = "pod " + namespace + "/" + name;
		List<StatusDetails> deleted = failures.call("delete " + what,
				() -> client.pods().inNamespace(namespace).withName(name).delete());
		// fabric8 answers an empty list, not an error, when there was nothing to delete
		if (deleted.isEmpty()) {
			throw failures.failure(Kind.NOT_FOUND, 404, "delete " + what + ": no such pod", null);
		}
	}

	@Override
	public boolean applyService(ServiceExport service) {
		return services.apply(service);
	}

	@Override
	public boolean removeService(String namespace, String name) {
		return services.remove(namespace, name);
	}

	@Override
	public void close() {
		client.close();
	}

	KubernetesClient client() {
		return client;
	}

}
