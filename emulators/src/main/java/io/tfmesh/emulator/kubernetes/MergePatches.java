package io.tfmesh.emulator.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merge patches the API server applies: JSON merge patch (RFC 7386), and the part of
 * Kubernetes' strategic merge patch that clients such as {@code kubectl apply} and
 * {@code kubectl edit} send for the objects the emulator keeps.
 */
final class MergePatches {

	/**
	 * The {@code patchMergeKey}s of the lists the emulated objects have, from the
	 * {@code patchStrategy:"merge"} tags of {@code staging/src/k8s.io/api/core/v1/types.go};
	 * every other list is replaced whole, as in a JSON merge patch.
	 */
	private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
			"env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name", "conditions",
			"type", "addresses", "type");

	private MergePatches() {
	}

	/** RFC 7386: objects merge, {@code null} deletes a key, anything else (lists too) replaces. */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		return apply(target, patch, false);
	}

	/**
	 * A strategic merge patch: as {@link #merge}, but lists with a merge key merge their
	 * elements by it, an element {@code {"$patch": "delete"}} removes the one with its key, and
	 * the {@code $setElementOrder} and {@code $retainKeys} directives are accepted.
	 */
	static JsonNode strategicMerge(JsonNode target, JsonNode patch) {
		return apply(target, patch, true);
	}

	private static JsonNode apply(@Nullable JsonNode target, JsonNode patch, boolean strategic) {
		if (!patch.isObject()) {
			return patch.deepCopy();
		}
		ObjectNode result = (target != null && target.isObject()) ? (ObjectNode) target.deepCopy()
				: JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> entry : patch.properties()) {
			String key = entry.getKey();
			JsonNode value = entry.getValue();
			if (strategic && (key.startsWith("$setElementOrder/") || key.equals("$retainKeys"))) {
				continue;
			}
			if (value.isNull()) {
				result.remove(key);
			}
			else if (strategic && value.isArray() && MERGE_KEYS.containsKey(key) && result.path(key).isArray()) {
				result.set(key, mergeList((ArrayNode) result.get(key), (ArrayNode) value, MERGE_KEYS.get(key)));
			}
			else {
				result.set(key, apply(result.get(key), value, strategic));
			}
		}
		return result;
	}

	private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String mergeKey) {
		List<JsonNode> merged = new ArrayList<>();
		target.forEach(merged::add);
		for (JsonNode element : patch) {
			JsonNode key = element.get(mergeKey);
			int index = indexOf(merged, mergeKey, key);
			if ("delete".equals(element.path("$patch").asString(""))) {
				if (index >= 0) {
					merged.remove(index);
				}
			}
			else if (index >= 0) {
				merged.set(index, apply(merged.get(index), element, true));
			}
			else {
				merged.add(apply(null, element, true));
			}
		}
		ArrayNode result = target.arrayNode();
		merged.forEach(result::add);
		return result;
	}

	private static int indexOf(List<JsonNode> elements, String mergeKey, @Nullable JsonNode key) {
		if (key == null) {
			return -1;
		}
		for (int i = 0; i < elements.size(); i++) {
			if (key.equals(elements.get(i).get(mergeKey))) {
				return i;
			}
		}
		return -1;
	}

}
