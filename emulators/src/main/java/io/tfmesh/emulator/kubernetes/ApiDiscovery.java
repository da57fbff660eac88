package io.tfmesh.emulator.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server says about itself: the discovery documents ({@code /version}, {@code /api},
 * {@code /apis} and the resource lists of the groups the emulator keeps), which clients such as
 * {@code kubectl} read before anything else and the CRUD store does not answer, and the kinds of
 * the lists it returns.
 */
final class ApiDiscovery {

	private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
			"update", "watch");

	/** A collection: {@code /api/v1[/namespaces/<ns>]/<plural>} or the same under {@code /apis/<group>/<version>}. */
	private static final Pattern COLLECTION = Pattern
		.compile("/(?:api/(v1)|apis/([^/]+/[^/]+))(?:/namespaces/[^/]+)?/([^/]+)");

	private final Map<String, String> documents = new LinkedHashMap<>();

	private volatile String version = "v0.0.0";

	ApiDiscovery() {
		documents.put("/", Serialization.asJson(new RootPathsBuilder()
			.withPaths("/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/apis/discovery.k8s.io",
					"/apis/discovery.k8s.io/v1", "/version")
			.build()));
		documents.put("/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
		APIGroup apps = group("apps", "v1");
		APIGroup discovery = group("discovery.k8s.io", "v1");
		documents.put("/apis", Serialization.asJson(new APIGroupListBuilder().withGroups(apps, discovery).build()));
		documents.put("/apis/apps", Serialization.asJson(apps));
		documents.put("/apis/discovery.k8s.io", Serialization.asJson(discovery));
		for (String groupVersion : List.of("v1", "apps/v1", "discovery.k8s.io/v1")) {
			documents.put(groupVersion.equals("v1") ? "/api/v1" : "/apis/" + groupVersion, resources(groupVersion));
		}
	}

	/** @param gitVersion as kubeadm writes it, e.g. {@code v1.28.2} */
	void kubernetesVersion(String gitVersion) {
		this.version = gitVersion;
	}

	Optional<MockResponse> answer(RecordedRequest request) {
		if (request.method() != HttpMethod.GET) {
			return Optional.empty();
		}
		String path = ApiPaths.withoutQuery(request.getPath());
		String body = path.equals("/version") ? versionDocument() : documents.get(path);
		if (body == null) {
			return Optional.empty();
		}
		return Optional.of(new MockResponse().setResponseCode(200)
			.setHeader("Content-Type", "application/json")
			.setBody(body));
	}

	/**
	 * The store answers every list as a {@code List}; the API server names the list after its
	 * items' kind ({@code ConfigMapList}), and clients reading raw JSON rely on that.
	 */
	MockResponse typedList(String path, MockResponse response) {
		byte[] bytes = response.getBody().getBytes();
		if (bytes.length == 0) {
			return response;
		}
		JsonNode body = Serialization.jsonMapper().readTree(bytes);
		if (!(body instanceof ObjectNode list) || !"List".equals(list.path("kind").asString(""))) {
			return response;
		}
		String kind = listKind(path);
		if (kind == null && list.path("items").size() > 0) {
			kind = list.path("items").get(0).path("kind").asString("") + "List";
		}
		if (kind == null) {
			return response;
		}
		list.put("kind", kind);
		return response.setBody(Serialization.jsonMapper().writeValueAsString(list));
	}

	private @Nullable String listKind(String path) {
		Matcher matcher = COLLECTION.matcher(ApiPaths.withoutQuery(path));
		if (!matcher.matches()) {
			return null;
		}
		String groupVersion = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		return ResourceType.find(groupVersion, matcher.group(3)).map(type -> type.kind() + "List").orElse(null);
	}

	private String versionDocument() {
		String gitVersion = version;
		String[] numbers = gitVersion.replaceFirst("^v", "").split("\\.");
		Map<String, String> document = new LinkedHashMap<>();
		document.put("major", numbers[0]);
		document.put("minor", (numbers.length > 1) ? numbers[1] : "0");
		document.put("gitVersion", gitVersion);
		document.put("gitTreeState", "clean");
		document.put("platform", "linux/amd64");
		return Serialization.asJson(document);
	}

	private static APIGroup group(String name, String version) {
		GroupVersionForDiscovery groupVersion = new GroupVersionForDiscoveryBuilder()
			.withGroupVersion(name + "/" + version)
			.withVersion(version)
			.build();
		return new APIGroupBuilder().withName(name)
			.withVersions(groupVersion)
			.withPreferredVersion(groupVersion)
			.build();
	}

	private static String resources(String groupVersion) {
		List<APIResource> resources = ResourceType.ALL.stream()
			.filter(type -> type.groupVersion().equals(groupVersion))
			.map(ApiDiscovery::apiResource)
			.toList();
		return Serialization
			.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion).withResources(resources).build());
	}

	private static APIResource apiResource(ResourceType type) {
		APIResourceBuilder resource = new APIResourceBuilder().withName(type.plural())
			.withSingularName(type.kind().toLowerCase(Locale.ROOT))
			.withKind(type.kind())
			.withNamespaced(type.namespaced())
			.withVerbs(VERBS);
		if (type.shortName() != null) {
			resource.withShortNames(type.shortName());
		}
		return resource.build();
	}

}
