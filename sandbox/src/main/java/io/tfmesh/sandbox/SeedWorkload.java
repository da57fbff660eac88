package io.tfmesh.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import io.tfmesh.sandbox.SeedStory.Workload;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the seed story's workload into an emulated cluster through its APIs, as people and
 * kube-manager would: the namespace and its pod (and Service) in Kubernetes, and the project
 * kube-manager creates for the namespace in TF ({@code vnc_namespace.py}, {@code vnc_namespace_add}:
 * {@code <cluster>-<namespace>} under {@code default-domain}, annotated with the namespace). Each
 * object is written only when missing, so a restarted sandbox keeps what it has.
 */
final class SeedWorkload {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SeedWorkload() {
	}

	/**
	 * @param podAddress the instance-ip TF gave the workload's pod on the pod network
	 */
	static void apply(SeedCluster seed, String kubernetesUrl, String tfUrl, String podAddress, JsonMapper json) {
		Workload workload = seed.workload();
		try (KubernetesClient client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(kubernetesUrl).build())
			.build()) {
			Namespace namespace = client.namespaces().withName(workload.namespace()).get();
			if (namespace == null) {
				namespace = client.namespaces()
					.resource(new NamespaceBuilder().withNewMetadata()
						.withName(workload.namespace())
						.withLabels(Map.of("kubernetes.io/metadata.name", workload.namespace()))
						.endMetadata()
						.build())
					.create();
			}
			if (client.pods().inNamespace(workload.namespace()).withName(workload.app()).get() == null) {
				client.pods().inNamespace(workload.namespace()).resource(pod(seed, workload, podAddress)).create();
			}
			if (workload.servicePort() != null
					&& client.services().inNamespace(workload.namespace()).withName(workload.app()).get() == null) {
				client.services()
					.inNamespace(workload.namespace())
					.resource(new ServiceBuilder().withNewMetadata()
						.withName(workload.app())
						.withLabels(Map.of("app", workload.app()))
						.endMetadata()
						.withNewSpec()
						.withSelector(Map.of("app", workload.app()))
						.addNewPort()
						.withName("http")
						.withProtocol("TCP")
						.withPort(workload.servicePort())
						.endPort()
						.endSpec()
						.build())
					.create();
			}
			project(tfUrl, workload.namespace(), namespace.getMetadata().getUid(), json);
		}
	}

	/** A running pod of the app on the worker, at the address TF gave it. */
	private static Pod pod(SeedCluster seed, Workload workload, String podAddress) {
		PodBuilder pod = new PodBuilder().withNewMetadata()
			.withName(workload.app())
			.withLabels(Map.of("app", workload.app()))
			.endMetadata()
			.withNewSpec()
			.withNodeName(seed.workerName())
			.addNewContainer()
			.withName(workload.app())
			.withImage("registry.k8s.io/e2e-test-images/agnhost:2.47")
			.endContainer()
			.endSpec()
			.withNewStatus()
			.withPhase("Running")
			.withPodIP(podAddress)
			.addNewPodIP(podAddress)
			.endStatus();
		return pod.build();
	}

	/** kube-manager's project for the namespace, unless it exists. */
	private static void project(String tfUrl, String namespace, @Nullable String namespaceUid, JsonMapper json) {
		ObjectNode body = json.createObjectNode();
		ObjectNode project = body.putObject("project");
		ArrayNode fqName = project.putArray("fq_name");
		fqName.add("default-domain");
		fqName.add(SeedStory.TF_CLUSTER_NAME + "-" + namespace);
		project.put("parent_type", "domain");
		ArrayNode annotations = project.putObject("annotations").putArray("key_value_pair");
		for (Map.Entry<String, String> annotation : List.of(Map.entry("namespace", namespace),
				Map.entry("name", namespace), Map.entry("k8s_uuid", String.valueOf(namespaceUid)),
				Map.entry("isolated", "False"))) {
			annotations.addObject().put("key", annotation.getKey()).put("value", annotation.getValue());
		}
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(tfUrl + "/projects"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
		// 409: kube-manager's RefsExistError, the project is there already
		if (created.statusCode() != 200 && created.statusCode() != 409) {
			throw new IllegalStateException("The TF config API refused the project of namespace " + namespace + ": "
					+ created.statusCode() + " " + created.body());
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
