package io.tfmesh.emulator.kubernetes;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.JsonPatch;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates, replaces and patches objects in the store as the API server does: names validated,
 * {@code uid}, {@code creationTimestamp} and {@code resourceVersion} set by the server, a
 * {@code generation} only for kinds that have one, stale versions refused, a no-op write
 * leaving the version alone. Called with the dispatcher's lock held.
 */
final class ObjectWrites {

	/** Kubernetes' alphabet for generated name suffixes: no vowels, no look-alike digits. */
	private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	private static final ObjectMapper JSON = Serialization.jsonMapper();

	private static final ResourceType NAMESPACES = ResourceType.find("v1", "namespaces").orElseThrow();

	private final KubernetesCrudDispatcher crud;

	private final Clock clock;

	private final RandomGenerator random;

	ObjectWrites(KubernetesCrudDispatcher crud, Clock clock, RandomGenerator random) {
		this.crud = crud;
		this.clock = clock;
		this.random = random;
	}

	MockResponse create(ApiRequest request, String body) {
		ResourceType type = request.type();
		ObjectNode object;
		try {
			object = object(body);
		}
		catch (IllegalArgumentException ex) {
			return ApiErrors.badRequest(ex.getMessage());
		}
		ObjectNode metadata = metadata(object);
		String name = metadata.path("name").asString("");
		if (name.isEmpty() && !metadata.path("generateName").asString("").isEmpty()) {
			name = metadata.path("generateName").asString("") + suffix();
			metadata.put("name", name);
		}
		if (name.isEmpty()) {
			return ApiErrors.required(type, "", "metadata.name", "name or generateName is required");
		}
		List<String> problems = type.nameRule().problems(name);
		if (!problems.isEmpty()) {
			return ApiErrors.invalid(type, name, "metadata.name", ApiErrors.quoted(name), problems);
		}
		String namespace = metadata.path("namespace").asString("");
		if (type.namespaced() && !namespace.isEmpty() && !namespace.equals(request.namespace())) {
			return ApiErrors.badRequest("the namespace of the object (" + namespace
					+ ") does not match the namespace on the URL (" + request.namespace() + ")");
		}
		if (type.namespaced() && crud.findResource(crud.getKey(ApiPaths.namespaces() + "/" + request.namespace())) == null) {
			// the NamespaceLifecycle admission plugin: nothing is created in a namespace that does not exist
			return ApiErrors.notFound(NAMESPACES, request.namespace());
		}
		String path = request.objectPath(name);
		if (crud.findResource(crud.getKey(path)) != null) {
			return ApiErrors.alreadyExists(type, name);
		}
		object.put("kind", type.kind());
		object.put("apiVersion", type.groupVersion());
		if (type.namespaced()) {
			metadata.put("namespace", request.namespace());
		}
		else {
			metadata.remove("namespace");
		}
		metadata.put("uid", UUID.randomUUID().toString());
		metadata.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
		metadata.remove("deletionTimestamp");
		if (type.generation()) {
			metadata.put("generation", 1);
		}
		else {
			metadata.remove("generation");
		}
		if (type.plural().equals("services")) {
			Optional<MockResponse> refused = ServiceSpecs.create(type, object, serviceSubnet(), clusterIps());
			if (refused.isPresent()) {
				return refused.get();
			}
		}
		if (type.plural().equals("namespaces")) {
			object.putObject("spec").putArray("finalizers").add("kubernetes");
			object.putObject("status").put("phase", "Active");
		}
		metadata.put("resourceVersion", String.valueOf(crud.requestResourceVersion()));
		String json = JSON.writeValueAsString(object);
		crud.processEvent(request.collectionPath(), key(request, name), null, null, json);
		return answer(201, json);
	}

	MockResponse replace(ApiRequest request, String body) {
		Map.Entry<AttributeSet, String> current = crud.findResource(crud.getKey(request.objectPath(request.name())));
		if (current == null) {
			return ApiErrors.notFound(request.type(), request.name());
		}
		ObjectNode updated;
		try {
			updated = object(body);
		}
		catch (IllegalArgumentException ex) {
			return ApiErrors.badRequest(ex.getMessage());
		}
		return write(request, current, updated);
	}

	MockResponse patch(ApiRequest request, @Nullable String contentType, String body) {
		Map.Entry<AttributeSet, String> current = crud.findResource(crud.getKey(request.objectPath(request.name())));
		if (current == null) {
			return ApiErrors.notFound(request.type(), request.name());
		}
		String media = (contentType != null) ? contentType.split(";")[0].trim() : "";
		JsonNode patched;
		try {
			JsonNode original = JSON.readTree(current.getValue());
			patched = switch (media) {
				case "application/merge-patch+json" -> MergePatches.merge(original, JSON.readTree(body));
				case "application/strategic-merge-patch+json" ->
					MergePatches.strategicMerge(original, JSON.readTree(body));
				case "application/json-patch+json" -> JsonPatch.apply(JSON.readTree(body), original);
				default -> null;
			};
		}
		catch (JacksonException ex) {
			return ApiErrors.badRequest("error decoding patch: " + ex.getOriginalMessage());
		}
		catch (RuntimeException ex) {
			// a JSON patch whose operations do not fit the object
			return ApiErrors.unprocessable(Objects.toString(ex.getMessage(), ex.getClass().getSimpleName()));
		}
		if (patched == null) {
			return ApiErrors.unsupportedPatch();
		}
		if (!(patched instanceof ObjectNode object)) {
			return ApiErrors.badRequest("the patch does not leave an object");
		}
		return write(request, current, object);
	}

	private MockResponse write(ApiRequest request, Map.Entry<AttributeSet, String> entry, ObjectNode updated) {
		ResourceType type = request.type();
		String name = request.name();
		ObjectNode current = (ObjectNode) JSON.readTree(entry.getValue());
		ObjectNode metadata = metadata(updated);
		String updatedName = metadata.path("name").asString("");
		if (!updatedName.isEmpty() && !updatedName.equals(name)) {
			return ApiErrors.badRequest(
					"the name of the object (" + updatedName + ") does not match the name on the URL (" + name + ")");
		}
		String namespace = metadata.path("namespace").asString("");
		if (type.namespaced() && !namespace.isEmpty() && !namespace.equals(request.namespace())) {
			return ApiErrors.badRequest("the namespace of the object (" + namespace
					+ ") does not match the namespace on the URL (" + request.namespace() + ")");
		}
		JsonNode currentMetadata = current.path("metadata");
		String version = metadata.path("resourceVersion").asString("");
		String currentVersion = currentMetadata.path("resourceVersion").asString("");
		// a resourceVersion sent along is a precondition; without one the write is unconditional
		if (!version.isEmpty() && !version.equals(currentVersion)) {
			return ApiErrors.conflict(type, name);
		}
		if ("status".equals(request.subresource())) {
			ObjectNode statusOnly = current.deepCopy();
			statusOnly.set("status", updated.path("status").deepCopy());
			updated = statusOnly;
			metadata = metadata(updated);
		}
		updated.put("kind", type.kind());
		updated.put("apiVersion", type.groupVersion());
		metadata.put("name", name);
		for (String kept : List.of("namespace", "uid", "creationTimestamp", "resourceVersion", "generation")) {
			if (currentMetadata.has(kept)) {
				metadata.set(kept, currentMetadata.get(kept).deepCopy());
			}
			else {
				metadata.remove(kept);
			}
		}
		if (type.plural().equals("services") && !"status".equals(request.subresource())) {
			Optional<MockResponse> refused = ServiceSpecs.update(type, current, updated);
			if (refused.isPresent()) {
				return refused.get();
			}
		}
		if (updated.equals(current)) {
			return answer(200, entry.getValue());
		}
		if (type.generation() && specChanged(current, updated)) {
			metadata.put("generation", currentMetadata.path("generation").asLong(0) + 1);
		}
		metadata.put("resourceVersion", String.valueOf(crud.requestResourceVersion()));
		String json = JSON.writeValueAsString(updated);
		crud.processEvent(request.collectionPath(), key(request, name), entry.getKey(), null, json);
		return answer(200, json);
	}

	/** The API server counts a generation for any change outside metadata and status. */
	private static boolean specChanged(JsonNode current, JsonNode updated) {
		ObjectNode before = ((ObjectNode) current).deepCopy();
		ObjectNode after = ((ObjectNode) updated).deepCopy();
		for (ObjectNode object : List.of(before, after)) {
			object.remove("metadata");
			object.remove("status");
		}
		return !before.equals(after);
	}

	private AttributeSet key(ApiRequest request, String name) {
		return crud.getKey(request.objectPath(name)).add(new Attribute("name", name));
	}

	/** The subnet kubeadm recorded in its ClusterConfiguration, which the API server was started with. */
	private @Nullable ServiceSubnet serviceSubnet() {
		Map.Entry<AttributeSet, String> kubeadm = crud
			.findResource(crud.getKey(ApiPaths.configMap(SingleYamlSeed.NAMESPACE, "kubeadm-config")));
		if (kubeadm == null) {
			return null;
		}
		String yaml = JSON.readTree(kubeadm.getValue()).path("data").path("ClusterConfiguration").asString("");
		try {
			Object config = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			Object networking = (config instanceof Map<?, ?> map) ? map.get("networking") : null;
			Object subnet = (networking instanceof Map<?, ?> map) ? map.get("serviceSubnet") : null;
			return (subnet != null) ? ServiceSubnet.parse(subnet.toString()).orElse(null) : null;
		}
		catch (YAMLException ex) {
			// a ClusterConfiguration kubeadm could not have written: no subnet to allocate from
			return null;
		}
	}

	private Set<String> clusterIps() {
		Set<String> taken = new HashSet<>();
		AttributeSet services = new AttributeSet(new Attribute("plural", "services"));
		for (Map.Entry<AttributeSet, String> entry : crud.getMap().entrySet()) {
			if (entry.getKey().matches(services)) {
				JsonNode spec = JSON.readTree(entry.getValue()).path("spec");
				spec.path("clusterIPs").forEach(address -> taken.add(address.asString("")));
				taken.add(spec.path("clusterIP").asString(""));
			}
		}
		return taken;
	}

	private String suffix() {
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return suffix.toString();
	}

	private static ObjectNode object(String body) {
		JsonNode parsed;
		try {
			parsed = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the body of the request could not be decoded: " + ex.getOriginalMessage());
		}
		if (!(parsed instanceof ObjectNode object)) {
			throw new IllegalArgumentException("the body of the request is not a JSON object");
		}
		return object;
	}

	private static ObjectNode metadata(ObjectNode object) {
		return object.path("metadata").isObject() ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
	}

	private static MockResponse answer(int code, String json) {
		return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(json);
	}

}
