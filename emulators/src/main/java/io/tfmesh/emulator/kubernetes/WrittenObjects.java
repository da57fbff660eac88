package io.tfmesh.emulator.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Names the objects an accepted write changed, as the write counts key them:
 * {@code configmaps/kube-system/env} for a namespaced object, {@code namespaces/frontend} for a
 * cluster-wide one.
 */
final class WrittenObjects {

	private WrittenObjects() {
	}

	static String key(ResourceType type, @Nullable String namespace, String name) {
		return type.plural() + "/" + ((type.namespaced() && namespace != null) ? namespace + "/" : "") + name;
	}

	/**
	 * @param deletedPods the pods a DELETE removed, each counted on its own
	 */
	static List<String> keys(ApiRequest request, HttpMethod method, MockResponse response, List<Pod> deletedPods) {
		ResourceType type = request.type();
		if (method == HttpMethod.DELETE && !deletedPods.isEmpty()) {
			return deletedPods.stream()
				.map(pod -> key(type, pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
				.toList();
		}
		if (request.name() != null) {
			return List.of(key(type, request.namespace(), request.name()));
		}
		// a create names its object in the answer, a generated name included; so does a collection delete
		JsonNode answer;
		try {
			answer = Serialization.jsonMapper().readTree(response.getBody().getBytes());
		}
		catch (JacksonException ex) {
			return List.of();
		}
		List<String> keys = new ArrayList<>();
		Iterable<JsonNode> objects = answer.has("items") ? answer.path("items") : List.of(answer);
		for (JsonNode object : objects) {
			JsonNode metadata = object.path("metadata");
			String name = metadata.path("name").asString("");
			if (!name.isEmpty()) {
				String namespace = metadata.path("namespace").asString("");
				keys.add(key(type, namespace.isEmpty() ? request.namespace() : namespace, name));
			}
		}
		return keys;
	}

}
