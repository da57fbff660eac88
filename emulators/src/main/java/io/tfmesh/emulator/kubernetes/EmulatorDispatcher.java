package io.tfmesh.emulator.kubernetes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.tfmesh.emulator.WriteCounts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD store behind the emulated API, with hooks for what a real control plane does
 * after a write and a count of the writes clients made. Every request, from clients or from
 * the emulator itself, is served under one lock: the store's map is not thread-safe and the
 * state file must see each write whole.
 */
final class EmulatorDispatcher extends Dispatcher {

	private static final String PLURAL = "plural";

	private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([^/]+)/pods(?:/([^/]+))?");

	private final ReentrantLock lock = new ReentrantLock();

	private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

	private final ApiDiscovery discovery;

	private final Clock clock;

	private final ObjectWrites writes;

	/** Lists cannot be continued from before this version: the store's history ends there. */
	private long oldestVersion;

	private volatile Observer observer = new Observer() {

		@Override
		public void written() {
		}

		@Override
		public void podsDeleted(List<Pod> pods) {
		}

	};

	private final WriteCounts counts;

	EmulatorDispatcher(ApiDiscovery discovery, RandomGenerator random, Clock clock, WriteCounts counts) {
		this.discovery = discovery;
		this.clock = clock;
		this.counts = counts;
		this.writes = new ObjectWrites(crud, clock, random);
	}

	void observe(Observer observer) {
		this.observer = observer;
	}

	/** A client's request; its accepted writes are counted. */
	@Override
	public MockResponse dispatch(RecordedRequest request) {
		MockResponse response = discovery.answer(request).orElseGet(() -> serve(request, true));
		// a watch is upgraded to a WebSocket; only plain answers are typed
		if (response.getWebSocketListener() != null) {
			return response;
		}
		// the store leaves its JSON untyped, which clients such as kubectl refuse
		if (response.header("Content-Type") == null) {
			response.setHeader("Content-Type", "application/json");
		}
		return response;
	}

	/** A request of the emulator itself: no faults and not counted, but the same store, hooks and lock. */
	MockResponse internal(HttpMethod method, String path, @Nullable String json) {
		Headers headers = Headers.builder().add("Content-Type", "application/json").build();
		Buffer body = new Buffer();
		if (json != null) {
			body.writeUtf8(json);
		}
		return serve(new RecordedRequest("HTTP/1.1", method, path, headers, body), false);
	}

	<T> T locked(Supplier<T> work) {
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	boolean isEmpty() {
		return locked(() -> crud.getMap().isEmpty());
	}

	/** Every object, as the JSON the store keeps. */
	List<StoredObject> objects() {
		return locked(() -> {
			List<StoredObject> objects = new ArrayList<>();
			crud.getMap().forEach((key, json) -> {
				Attribute plural = key.getAttribute(PLURAL);
				objects.add(new StoredObject((plural != null) ? plural.getValues().get(0).toString() : null, json));
			});
			return objects;
		});
	}

	void wipe() {
		locked(() -> {
			crud.reset();
			oldestVersion = crud.requestResourceVersion();
			observer.written();
			return null;
		});
	}

	/**
	 * Puts saved objects back as they were, resourceVersions, uids and timestamps included, so
	 * versions that clients read before a restart stay valid.
	 */
	void restore(List<StoredObject> objects) {
		locked(() -> {
			long newest = 0;
			Map<AttributeSet, String> map = crud.getMap();
			for (StoredObject object : objects) {
				// the store keys an object by its attributes and the plural of the path it was posted to
				String json = withoutGeneration(object.json());
				AttributeSet key = crud.getAttributeExtractor().fromResource(json);
				if (object.plural() != null) {
					key = AttributeSet.merge(key, new AttributeSet(new Attribute(PLURAL, object.plural())));
				}
				map.put(key, json);
				newest = Math.max(newest, resourceVersion(object.json()));
			}
			while (crud.requestResourceVersion() < newest) {
				// advances the store's counter past every restored version
			}
			return null;
		});
	}

	private MockResponse serve(RecordedRequest request, boolean counted) {
		lock.lock();
		try {
			HttpMethod method = request.method();
			Optional<ApiRequest> parsed = ApiRequest.parse(request.getPath());
			List<Pod> doomed = (method == HttpMethod.DELETE) ? podsAt(request.getPath()) : List.of();
			MockResponse response = parsed.map(api -> serve(request, api)).orElseGet(() -> crud.dispatch(request));
			if (method == HttpMethod.GET && response.code() == 200 && response.getWebSocketListener() == null) {
				response = discovery.typedList(request.getPath(), response);
			}
			if (response.code() < 300 && (method == HttpMethod.POST || method == HttpMethod.PUT
					|| method == HttpMethod.PATCH || method == HttpMethod.DELETE)) {
				observer.written();
				List<Pod> gone = doomed.stream()
					.filter(pod -> crud
						.handleGet(ApiPaths.pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
						.code() == 404)
					.toList();
				if (counted && parsed.isPresent()) {
					WrittenObjects.keys(parsed.get(), method, response, gone).forEach(counts::count);
				}
				if (!gone.isEmpty()) {
					observer.podsDeleted(gone);
				}
			}
			return response;
		}
		finally {
			lock.unlock();
		}
	}

	private MockResponse serve(RecordedRequest request, ApiRequest api) {
		String watch = api.parameter("watch");
		if ("true".equals(watch) || "1".equals(watch)) {
			return crud.dispatch(request);
		}
		return switch (request.method()) {
			case POST -> (api.name() == null) ? writes.create(api, request.getBody().readUtf8())
					: crud.dispatch(request);
			case PUT -> (api.name() != null) ? writes.replace(api, request.getBody().readUtf8())
					: crud.dispatch(request);
			case PATCH -> (api.name() != null)
					? writes.patch(api, request.getHeader("Content-Type"), request.getBody().readUtf8())
					: crud.dispatch(request);
			case GET -> (api.name() != null) ? read(request, api) : list(request, api);
			case DELETE -> delete(request, api);
			default -> crud.dispatch(request);
		};
	}

	private MockResponse read(RecordedRequest request, ApiRequest api) {
		MockResponse found = crud.handleGet(ApiPaths.withoutQuery(request.getPath()));
		if (found.code() == 404) {
			return ApiErrors.notFound(api.type(), api.name());
		}
		Optional<String> table = Tables.requested(request.getHeader("Accept"));
		if (found.code() != 200 || table.isEmpty() || api.subresource() != null) {
			return found;
		}
		JsonNode object = Serialization.jsonMapper().readTree(found.getBody().getBytes());
		return json(200, Tables.table(api.type(), List.of(object), null, table.get(), api.parameter("includeObject"),
				clock.instant()));
	}

	/** A list sorted by namespace and name as etcd keeps it, in pages if asked, as a table if asked. */
	private MockResponse list(RecordedRequest request, ApiRequest api) {
		StringBuilder selection = new StringBuilder(api.collectionPath());
		char separator = '?';
		for (String selector : List.of("labelSelector", "fieldSelector")) {
			String value = api.parameter(selector);
			if (value != null && !value.isEmpty()) {
				selection.append(separator).append(selector).append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		MockResponse listed = crud.handleGet(selection.toString());
		if (listed.code() != 200) {
			return listed;
		}
		JsonNode stored = Serialization.jsonMapper().readTree(listed.getBody().getBytes());
		List<JsonNode> items = new ArrayList<>();
		stored.path("items").forEach(items::add);
		items.sort(Comparator.comparing(ListPages::key));
		long version = stored.path("metadata").path("resourceVersion").asLong(0);
		ListPages.Page page = ListPages.page(items, version, api.parameter("limit"), api.parameter("continue"),
				oldestVersion);
		if (page.failure() != null) {
			return page.failure();
		}
		ObjectNode list = Serialization.jsonMapper().createObjectNode();
		list.put("kind", api.type().kind() + "List");
		list.put("apiVersion", api.type().groupVersion());
		page.describe(list.putObject("metadata"));
		list.putArray("items").addAll(page.items());
		Optional<String> table = Tables.requested(request.getHeader("Accept"));
		if (table.isPresent()) {
			return json(200, Tables.table(api.type(), page.items(), list.path("metadata"), table.get(),
					api.parameter("includeObject"), clock.instant()));
		}
		return json(200, list);
	}

	private MockResponse delete(RecordedRequest request, ApiRequest api) {
		MockResponse response = crud.dispatch(request);
		if (response.code() == 404 && api.name() != null) {
			return ApiErrors.notFound(api.type(), api.name());
		}
		return response;
	}

	private static MockResponse json(int code, JsonNode body) {
		return new MockResponse().setResponseCode(code)
			.setHeader("Content-Type", "application/json")
			.setBody(Serialization.jsonMapper().writeValueAsString(body));
	}

	/** The API server keeps a generation only for kinds with a spec a controller acts on. */
	private static String withoutGeneration(String json) {
		JsonNode object = Serialization.jsonMapper().readTree(json);
		boolean counted = ResourceType.ALL.stream()
			.anyMatch(type -> type.kind().equals(object.path("kind").asString("")) && type.generation());
		if (counted || !(object.path("metadata") instanceof ObjectNode metadata) || !metadata.has("generation")) {
			return json;
		}
		metadata.remove("generation");
		return Serialization.jsonMapper().writeValueAsString(object);
	}

	/** The pods a DELETE on this path removes: one pod, or those of a (selected) collection. */
	private List<Pod> podsAt(String path) {
		Matcher matcher = PODS.matcher(ApiPaths.withoutQuery(path));
		if (!matcher.matches()) {
			return List.of();
		}
		MockResponse found = crud.handleGet((matcher.group(2) != null) ? ApiPaths.withoutQuery(path) : path);
		if (found.code() != 200) {
			return List.of();
		}
		KubernetesResource resource = Serialization
			.unmarshal(new String(found.getBody().getBytes(), StandardCharsets.UTF_8));
		if (resource instanceof Pod pod) {
			return List.of(pod);
		}
		return (resource instanceof PodList list) ? list.getItems() : List.of();
	}

	private static long resourceVersion(String json) {
		String version = Serialization.jsonMapper()
			.readTree(json)
			.path("metadata")
			.path("resourceVersion")
			.asString("");
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			// not one of the store's numeric versions: nothing to keep clear of
			return 0;
		}
	}

	/** Told about writes while the lock is held. */
	interface Observer {

		void written();

		void podsDeleted(List<Pod> pods);

	}

}
